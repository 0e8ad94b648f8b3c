import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { ResourcePage, StatusBlock } from '../../components/status-block';
import { useResource } from '../../hooks/use-resource';
import { openPage, routes } from '../../routes';
import { fetchIdentity } from '../../services/identity';
import { levelsLine, setupStatus, type SetupResult, type SetupStatus } from '../../services/setup';
import { SetupForm } from './setup-form';
import { SystemSettings } from './system-settings';
import './index.css';

const goHome = () => void Taro.reLaunch({ url: '/pages/home/index' });

interface PageState {
  status: SetupStatus;
  /** The caller's openid when they are 指挥部 and the system is set up: they get 系统设置. */
  commander: string | null;
}

/**
 * The status, then, once setup is done, who the caller is: only the command centre gets 系统设置.
 * Before that nobody is anybody, so whoami is not asked.
 */
async function loadPage(): Promise<FunctionResult<PageState>> {
  const status = await setupStatus();
  if (!status.ok) return status;
  if (status.data.needed) return { ok: true, data: { status: status.data, commander: null } };
  const identity = await fetchIdentity();
  // A failed whoami is shown as a failure: a commander must not be told there is nothing here.
  if (!identity.ok) return identity;
  const { registered, roles, openid } = identity.data;
  const commander = registered && roles.includes('command') ? openid : null;
  return { ok: true, data: { status: status.data, commander } };
}

/**
 * 初始化: the first person with the deployer's code becomes 指挥部 and sets up the grid's root.
 * Afterwards the same page is the command centre's 系统设置.
 */
export default function SetupPage() {
  const { state, reload } = useResource(loadPage);
  // Kept apart from the status: once done, the status says "not needed", yet the result must stay.
  const [done, setDone] = useState<SetupResult | null>(null);

  if (done) {
    return (
      <View className="page setup">
        <View className="card setup-result">
          <Text className="setup-result__title">初始化完成，您已成为指挥部</Text>
          <Text className="setup-result__line">顶级网格：{done.rootName}</Text>
          <Text className="setup-result__line">层级：{levelsLine(done.levels)}</Text>
          <Text className="small-note">
            接下来可在「我的网格」中添加下级网格，并邀请各级网格长加入。
          </Text>
          <Button
            className="btn btn--primary btn--block"
            hoverClass="btn--pressed"
            onClick={() => openPage(routes.grid())}
          >
            进入我的网格
          </Button>
          <Button
            className="btn btn--secondary btn--block"
            hoverClass="btn--pressed"
            onClick={goHome}
          >
            返回首页
          </Button>
        </View>
      </View>
    );
  }
  return (
    <ResourcePage state={state} onRetry={reload}>
      {({ status, commander }) => (
        <SetupOrSettings
          status={status}
          commander={commander}
          onDone={setDone}
          onConflict={reload}
        />
      )}
    </ResourcePage>
  );
}

/** Set up already: 系统设置 for the command centre, a plain note for anyone else; else 初始化. */
function SetupOrSettings(props: {
  status: SetupStatus;
  commander: string | null;
  onDone: (result: SetupResult) => void;
  onConflict: () => unknown;
}) {
  const { status, commander } = props;
  if (!status.needed && commander !== null) {
    // Levels changed elsewhere (read again when the page is shown after a write) start it afresh.
    return <SystemSettings key={status.levels.join('\n')} status={status} me={commander} />;
  }
  if (!status.needed) {
    return (
      <View className="page">
        <StatusBlock
          kind="empty"
          title="本系统已完成初始化"
          message="无需再次设置。如需加入网格，请向网格长索取邀请码。"
          actionText="返回首页"
          onAction={goHome}
        />
      </View>
    );
  }
  return (
    <View className="page setup">
      <Text className="page__title">系统初始化</Text>
      <Text className="page__hint">
        输入部署人员提供的部署码，设置顶级网格和网格层级。完成后您将成为指挥部，部署码随即作废。
      </Text>
      <SetupForm onDone={props.onDone} onConflict={() => void props.onConflict()} />
    </View>
  );
}
