import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { FamilyPicker } from '../../../components/family-picker';
import { HouseholdStates } from '../../../components/household-states';
import { QrCode } from '../../../components/qr-code';
import { StatusBlock } from '../../../components/status-block';
import { useElderClass } from '../../../hooks/use-elder-mode';
import { useResource } from '../../../hooks/use-resource';
import { loadFamily } from '../../../services/family';
import { issuePass, PASS_REFRESH_MS, type PassView } from '../../../services/checkpoints-gate';
import '../shared.css';

type State =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; pass: PassView };

/**
 * 通行码: a big QR the gate scans, good for a minute and for one passage; it renews itself every
 * PASS_REFRESH_MS with a countdown, so a screenshot sent on is worth nothing. For oneself, or a
 * family member picked above it (one the caller registered, or who has no WeChat).
 */
export default function PassPage() {
  const pageClass = useElderClass('page');
  const { state, reload } = useResource(loadFamily);
  return (
    <View className={pageClass}>
      <HouseholdStates
        state={state}
        onRetry={() => void reload()}
        emptyMessage="加入住户后即可出示通行码"
      >
        {(data) => (
          <FamilyPicker people={data.people} label="谁的通行码">
            {(person) => <PassCard key={person.id} personId={person.id} />}
          </FamilyPicker>
        )}
      </HouseholdStates>
    </View>
  );
}

function PassCard({ personId }: { personId: string }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [now, setNow] = useState(Date.now());
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    void issuePass(personId).then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? { status: 'ready', pass: result.data }
          : { status: 'failed', message: result.message },
      );
    });
    const renew = setTimeout(() => setRound((r) => r + 1), PASS_REFRESH_MS);
    return () => {
      live = false;
      clearTimeout(renew);
    };
  }, [personId, round]);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  if (state.status === 'loading') return <StatusBlock kind="loading" title="正在生成通行码…" />;
  if (state.status === 'failed')
    return (
      <StatusBlock
        kind="error"
        title="通行码生成失败"
        message={state.message}
        actionText="重试"
        onAction={() => setRound((r) => r + 1)}
      />
    );
  const { pass } = state;
  const left = Math.max(0, Math.ceil((Date.parse(pass.expiresAt) - now) / 1000));
  return (
    <View>
      <Text className="page__title">{pass.name} 的通行码</Text>
      <View className="gate-qr" data-pass-token={pass.token}>
        <QrCode text={pass.token} label={`${pass.name}的通行码`} />
      </View>
      <Text className="gate-countdown">
        {left > 0 ? `${left} 秒后失效，将自动刷新` : '已失效，正在刷新…'}
      </Text>
      <Text className="page__hint">
        请在卡口出示给值守人员扫描。每个通行码只能使用一次，截图无效。
      </Text>
      <Button className="btn btn--secondary btn--block" onClick={() => setRound((r) => r + 1)}>
        立即刷新
      </Button>
    </View>
  );
}
