import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { MaskedValue } from '../../../components/masked-value';
import { CannotOpen, ResourcePage } from '../../../components/status-block';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { confirmDestructive, toastDone } from '../../../interaction';
import { decodeParam, goBack, openPage, routes } from '../../../routes';
import {
  getEnterprise,
  removeEnterprise,
  revealEnterprisePhone,
  type EnterpriseView,
} from '../../../services/targets';
import { CallButton } from '../shared/call-button';
import { placeParts } from '../shared/place-fields';
import { StatusTag } from '../shared/status-tag';
import '../shared/index.css';

/** One enterprise (`?id=`): its 复工 status, 负责人 to call, workforce and place. */
export default function EnterprisePage() {
  const enterpriseId = decodeParam(useRouter().params.id);
  if (!enterpriseId) {
    return <CannotOpen missing="企业编号" from="企业列表" />;
  }
  return <EnterpriseLoader enterpriseId={enterpriseId} />;
}

function EnterpriseLoader({ enterpriseId }: { enterpriseId: string }) {
  const load = useCallback(() => getEnterprise(enterpriseId), [enterpriseId]);
  const { state, reload } = useResource(load);
  usePullRefresh(reload);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(enterprise) => <Enterprise enterprise={enterprise} />}
    </ResourcePage>
  );
}

function Enterprise({ enterprise }: { enterprise: EnterpriseView }) {
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { may } = enterprise;
  const reveal = () => revealEnterprisePhone(enterprise.id);

  const onRemove = async () => {
    const sure = await confirmDestructive(
      `删除企业「${enterprise.name}」？删除后不能恢复。`,
      '删除',
    );
    if (!sure || busy) return;
    setBusy(true);
    setMessage(null);
    const result = await removeEnterprise(enterprise.id);
    setBusy(false);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    toastDone('已删除');
    goBack();
  };

  return (
    <View className="page target-detail">
      <View className="card">
        <View className="target-row__head">
          <Text className="target-detail__title">{enterprise.name}</Text>
          <StatusTag status={enterprise.status} />
        </View>
        <Text className="target-detail__line">所属网格：{enterprise.gridName}</Text>
        <Text className="target-detail__line">地址：{enterprise.address}</Text>
        {placeParts(enterprise.place) ? (
          <Text className="target-detail__line">{placeParts(enterprise.place)}</Text>
        ) : null}
        <Text className="target-detail__line">职工人数：{enterprise.workforce} 人</Text>
        {enterprise.note ? (
          <Text className="target-detail__line">备注：{enterprise.note}</Text>
        ) : null}
        {may.edit ? (
          <View className="btn-row">
            <Button
              className="btn btn--secondary btn--small"
              hoverClass="btn--pressed"
              onClick={() => openPage(routes.enterpriseForm({ enterpriseId: enterprise.id }))}
            >
              编辑
            </Button>
          </View>
        ) : null}
      </View>

      {message ? <Text className="notice notice--error">{message}</Text> : null}

      <View className="section">
        <View className="section__head">
          <Text className="section__title">负责人</Text>
        </View>
        <View className="card target-person">
          <Text className="target-person__name">{enterprise.leaderName}</Text>
          <MaskedValue
            label="手机"
            masked={enterprise.phoneMasked}
            {...(may.revealPhone && { reveal })}
          />
          {may.revealPhone && enterprise.phoneMasked ? (
            <View className="btn-row">
              <CallButton name={enterprise.leaderName} reveal={reveal} />
            </View>
          ) : null}
        </View>
      </View>

      {may.remove ? (
        <View className="section">
          <Button
            className="btn btn--danger btn--block"
            hoverClass="btn--pressed"
            disabled={busy ? true : undefined}
            onClick={() => void onRemove()}
          >
            删除企业
          </Button>
        </View>
      ) : null}
    </View>
  );
}
