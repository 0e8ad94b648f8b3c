import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { CallButton } from '../../../components/call-button';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { CannotOpen } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { askToConfirm, toastDone } from '../../../interaction';
import { decodeParam, openPage, routes } from '../../../routes';
import {
  getReach,
  listUnreached,
  markReached,
  REACH_WAY_LABELS,
  remindUnread,
  type ReachRow,
  type ToldWay,
  type UnreachedRow,
} from '../../../services/notices-manage';
import { callPerson } from '../../../services/people';
import { ReachBar } from '../shared/reach-bar';
import '../shared/index.css';

/**
 * 告知情况 of a notice on one node (`?id=&gridId=`): households reached of all, for the node and
 * each child (tap one to look inside it), and the households not reached yet, each with one tap
 * to call and 上门 / 电话 to record that they were told; 提醒未读 sends the subscribe reminder.
 */
export default function ReachPage() {
  const params = useRouter().params;
  const noticeId = decodeParam(params.id);
  const gridId = decodeParam(params.gridId);
  if (!noticeId || !gridId) return <CannotOpen missing="通知或网格编号" from="通知公告管理" />;
  return <Reach noticeId={noticeId} gridId={gridId} />;
}

function Reach({ noticeId, gridId }: { noticeId: string; gridId: string }) {
  const [head, setHead] = useState<{ title: string; node: ReachRow } | null>(null);
  // The node's own figures come with the first page of its children: one read for both.
  const fetchChildren = useCallback(
    async (page: number) => {
      const result = await getReach(noticeId, gridId, page);
      if (!result.ok) return result;
      if (page === 1) setHead({ title: result.data.title, node: result.data.node });
      const items = result.data.children.items.map((row) => ({ ...row, id: row.gridId }));
      return { ok: true as const, data: { ...result.data.children, items } };
    },
    [noticeId, gridId],
  );
  const children = usePagedList(fetchChildren, { topics: ['notices'] });
  const fetchUnreached = useCallback(
    (page: number) => listUnreached(noticeId, gridId, page),
    [noticeId, gridId],
  );
  const unreached = usePagedList(fetchUnreached, { topics: ['notices'] });
  usePullRefresh(() => Promise.all([children.reload(), unreached.reload()]));

  useEffect(() => {
    if (head) void Taro.setNavigationBarTitle({ title: `${head.node.name} · 告知情况` });
  }, [head]);

  return (
    <View className="page">
      {head ? (
        <View className="card">
          <Text className="section__title">{head.title}</Text>
          <Text className="muted">{head.node.name}</Text>
          <ReachBar reached={head.node.reached} households={head.node.households} />
          <Text className="small-note">
            其中阅读 {head.node.read} 户，工作人员上门或电话告知 {head.node.told} 户
          </Text>
        </View>
      ) : null}
      {head && !head.node.leaf ? (
        <>
          <ListHead title="下级网格" list={children.state} unit="个" />
          <PagedStates
            list={children}
            failedTitle="告知情况加载失败"
            empty={{ title: '没有下级网格' }}
          >
            {(items) =>
              items.map((child) => (
                <View
                  key={child.id}
                  className="card"
                  onClick={() => openPage(routes.noticeReach(noticeId, child.gridId))}
                >
                  <Text className="section__title">{child.name} ›</Text>
                  <ReachBar reached={child.reached} households={child.households} />
                </View>
              ))
            }
          </PagedStates>
        </>
      ) : null}
      {children.state.status === 'failed' && !head ? (
        <PagedStates list={children} failedTitle="告知情况加载失败" empty={{ title: '' }}>
          {() => null}
        </PagedStates>
      ) : null}
      <RemindButton noticeId={noticeId} gridId={gridId} />
      <ListHead title="尚未告知的住户" list={unreached.state} unit="户" />
      <PagedStates
        list={unreached}
        failedTitle="住户加载失败"
        empty={{ title: '全部住户都已告知' }}
      >
        {(items) =>
          items.map((household) => (
            <UnreachedCard key={household.id} noticeId={noticeId} household={household} />
          ))
        }
      </PagedStates>
    </View>
  );
}

const TOLD: readonly { way: ToldWay; text: string }[] = [
  { way: 'visit', text: '已上门告知' },
  { way: 'call', text: '已电话告知' },
];

function UnreachedCard({ noticeId, household }: { noticeId: string; household: UnreachedRow }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const mark = async (way: ToldWay) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    const result = await markReached(noticeId, household.householdId, way);
    setBusy(false);
    // Success reads both lists again (the notices topic); this card then leaves the list.
    if (result.ok) toastDone(REACH_WAY_LABELS[way]);
    else setMessage(result.message);
  };
  return (
    <View className="card">
      <Text className="section__title">{household.address}</Text>
      {household.people.map((person) => (
        <View key={person.personId} className="person-line">
          <Text>
            {person.name}
            {person.phoneMasked ? ` · ${person.phoneMasked}` : ' · 未登记电话'}
          </Text>
          {person.phoneMasked ? (
            <CallButton call={() => callPerson(person.personId, person.name)} label="拨打" />
          ) : null}
        </View>
      ))}
      {household.people.length === 0 ? <Text className="muted">未登记成员，请上门告知</Text> : null}
      <Text className="small-note">告知后登记：</Text>
      <View className="btn-row">
        {TOLD.map(({ way, text }) => (
          <Button
            key={way}
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            disabled={busy ? true : undefined}
            onClick={() => void mark(way)}
          >
            {text}
          </Button>
        ))}
      </View>
      {message ? <Text className="notice notice--error">{message}</Text> : null}
    </View>
  );
}

/**
 * 提醒未读: a subscribe message to each resident on WeChat whose household is not reached yet and
 * who allowed notice reminders, once per notice; pressed on batch by batch while any remain.
 */
function RemindButton({ noticeId, gridId }: { noticeId: string; gridId: string }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const remind = async () => {
    if (busy) return;
    const confirmed = await askToConfirm(
      '提醒未读',
      '给尚未告知住户中已同意接收通知提醒的居民发一条微信提醒？每人每条通知只提醒一次。',
      '发送提醒',
    );
    if (!confirmed) return;
    setBusy(true);
    setOutcome(null);
    let sent = 0;
    let noCredit = 0;
    for (;;) {
      const result = await remindUnread(noticeId, gridId);
      if (!result.ok) {
        setOutcome({ text: `已发送 ${sent} 条；${result.message}`, failed: true });
        setBusy(false);
        return;
      }
      sent += result.data.sent;
      noCredit += result.data.noCredit;
      setOutcome({ text: `正在发送… 已发送 ${sent} 条`, failed: false });
      if (!result.data.remaining) break;
    }
    setBusy(false);
    setOutcome({
      text:
        `已发送 ${sent} 条提醒` +
        (noCredit > 0 ? `；${noCredit} 人没有可用的订阅授权，请电话或上门告知` : ''),
      failed: false,
    });
  };
  return (
    <View>
      <Button
        className="btn btn--secondary btn--block"
        hoverClass="btn--pressed"
        disabled={busy ? true : undefined}
        onClick={() => void remind()}
      >
        {busy ? '正在发送提醒…' : '提醒未读'}
      </Button>
      <Text className="small-note">
        居民打开通知时可同意接收提醒；没有授权的居民收不到微信提醒，请电话或上门告知。
      </Text>
      {outcome ? (
        <Text className={outcome.failed ? 'notice notice--error' : 'notice notice--success'}>
          {outcome.text}
        </Text>
      ) : null}
    </View>
  );
}
