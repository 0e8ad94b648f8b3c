import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { confirmDestructive, toastDone } from '../../interaction';
import { openPage, routes } from '../../routes';
import { withdrawJoinRequest, type JoinRequestView } from '../../services/households';
import { formatChinaDateTime } from '../../services/format';
import './index.css';

/**
 * The applicant's own request: waiting (with 撤回申请), or turned down (with the reason and a way
 * to ask again). Until someone admits them they see nothing of the family.
 */
export function JoinRequestStatus(props: { request: JoinRequestView; onChanged: () => void }) {
  const { request } = props;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const withdraw = async () => {
    if (busy || !(await confirmDestructive('撤回加入该住户的申请？', '撤回'))) return;
    setBusy(true);
    const result = await withdrawJoinRequest();
    setBusy(false);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    toastDone('已撤回');
    props.onChanged();
  };

  const place = `${request.household.gridName} · ${request.household.address}`;
  if (request.status === 'pending') {
    return (
      <View className="card join-status join-status--pending">
        <Text className="join-status__title">加入申请等待确认</Text>
        <Text className="join-status__line">申请加入：{place}</Text>
        <Text className="join-status__line">
          提交时间：{formatChinaDateTime(request.createdAt)}
        </Text>
        <Text className="join-status__line muted">
          已通知该户的家庭成员（没有家人使用微信时通知网格长）。确认前您看不到家庭成员的信息。
        </Text>
        {message ? <Text className="notice notice--error">{message}</Text> : null}
        <Button
          className="btn btn--block"
          hoverClass="btn--pressed"
          disabled={busy ? true : undefined}
          onClick={() => void withdraw()}
        >
          {busy ? '撤回中…' : '撤回申请'}
        </Button>
      </View>
    );
  }
  return (
    <View className="card join-status">
      <Text className="join-status__title">
        {request.status === 'rejected' ? '加入申请未通过' : '加入申请已撤回'}
      </Text>
      <Text className="join-status__line">申请加入：{place}</Text>
      {request.reason ? <Text className="join-status__line">原因：{request.reason}</Text> : null}
      <Button
        className="btn btn--primary btn--block"
        hoverClass="btn--pressed"
        onClick={() => openPage(routes.join('household'))}
      >
        重新申请
      </Button>
    </View>
  );
}
