import { Button, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { PagedStates } from '../paged-states';
import { ListHead } from '../list-head';
import { usePagedList } from '../../hooks/use-paged-list';
import { askToConfirm, confirmDestructive, toastDone } from '../../interaction';
import {
  askForJoinRequestConsent,
  approveJoinRequest,
  joinRequests,
  rejectJoinRequest,
  type JoinRequestView,
} from '../../services/households';
import { formatChinaDateTime } from '../../services/format';
import './index.css';

/**
 * Requests to join waiting on the caller: for their own household (`gridId` null) or under a node
 * they lead. 同意 admits the applicant, who then sees the family (masked); 拒绝 drops the request
 * and the ID number and phone that came with it.
 */
export function JoinRequestList(props: {
  gridId: string | null;
  showAddress: boolean;
  /** After a decision: an admitted applicant now belongs to what the page shows. */
  onDecided?: () => void;
  /** A household's page shows the section only while someone is waiting. */
  hideWhenEmpty?: boolean;
}) {
  const { gridId } = props;
  const fetchPage = useCallback((page: number) => joinRequests(gridId, page), [gridId]);
  const list = usePagedList(fetchPage);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const decide = async (request: JoinRequestView, approve: boolean) => {
    if (busy) return;
    const who = `${request.name}（${request.relation}）`;
    const confirmed = approve
      ? await askToConfirm(
          '同意加入',
          `同意${who}加入「${request.household.address}」？${
            request.claims ? `对方将关联本户已登记的「${request.claims.name}」。` : ''
          }加入后对方可以看到家庭成员（证件号和手机号仍隐藏），并可代家人打卡、登记。`,
          '同意',
        )
      : await confirmDestructive(`拒绝${who}的加入申请？`, '拒绝');
    if (!confirmed) return;
    setBusy(request.id);
    setMessage(null);
    const result = approve
      ? await approveJoinRequest(request.id)
      : await rejectJoinRequest(request.id);
    setBusy(null);
    if (!result.ok) {
      setMessage(result.message);
    } else {
      toastDone(approve ? '已同意' : '已拒绝');
      props.onDecided?.();
    }
    void list.reload();
  };

  if (props.hideWhenEmpty && list.state.status === 'ready' && list.state.total === 0 && !message) {
    return null;
  }
  return (
    <View className="join-requests">
      <ListHead title="加入申请" list={list.state} unit="条" prefix="待确认" />
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <Text
        className="join-requests__subscribe"
        onClick={() =>
          void askForJoinRequestConsent().then((allowed) => {
            if (allowed) toastDone('有新申请时将提醒您');
          })
        }
      >
        有新申请时微信提醒我 ›
      </Text>
      <PagedStates
        list={list}
        empty={{ title: '没有待确认的加入申请', message: '有人凭门牌码申请加入时会显示在这里' }}
      >
        {(items) => (
          <>
            {items.map((request) => (
              <View key={request.id} className="card join-request">
                <View className="join-request__head">
                  <Text className="join-request__name">{request.name}</Text>
                  <Text className="tag">{request.relation}</Text>
                </View>
                {props.showAddress ? (
                  <Text className="join-request__line">
                    申请加入：{request.household.gridName} · {request.household.address}
                  </Text>
                ) : null}
                <Text className="join-request__line">
                  身份证：{request.idNumberMasked ?? '未填写'}　手机：
                  {request.phoneMasked ?? '未填写'}
                </Text>
                {request.claims ? (
                  <Text className="join-request__line join-request__claims">
                    即本户已登记的「{request.claims.name}」
                    {request.claims.idNumberMasked ? `（${request.claims.idNumberMasked}）` : ''}
                    ，同意后关联其微信，不新增人员
                  </Text>
                ) : null}
                <Text className="join-request__line muted">
                  申请时间：{formatChinaDateTime(request.createdAt)}
                </Text>
                <View className="join-request__actions">
                  <Button
                    className="btn btn--small"
                    hoverClass="btn--pressed"
                    disabled={busy !== null ? true : undefined}
                    onClick={() => void decide(request, false)}
                  >
                    拒绝
                  </Button>
                  <Button
                    className="btn btn--primary btn--small"
                    hoverClass="btn--pressed"
                    disabled={busy !== null ? true : undefined}
                    onClick={() => void decide(request, true)}
                  >
                    {busy === request.id ? '处理中…' : '同意'}
                  </Button>
                </View>
              </View>
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}
