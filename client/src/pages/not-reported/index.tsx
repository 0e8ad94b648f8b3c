import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { MissingPage } from '@gridguard/types';
import { ListHead } from '../../components/list-head';
import { PagedStates } from '../../components/paged-states';
import { MissingGrid } from '../../components/status-block';
import { keyedPage, usePagedList } from '../../hooks/use-paged-list';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { askToConfirm, toastDone } from '../../interaction';
import { decodeParam } from '../../routes';
import { listMissingReports, remindNotReported } from '../../services/health';
import { MissingRow } from './missing-row';
import './index.css';

export default function NotReportedPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return <NotReportedList gridId={gridId} />;
}

/** How today's reminders stand for the whole list (not just the rows loaded). */
interface Standing {
  total: number;
  message: number;
  call: number;
}

/**
 * Who under home observation in the node's subtree has not reported today: how many were reminded
 * and how, 一键提醒 for the rest, and one tap to call each.
 */
function NotReportedList({ gridId }: { gridId: string }) {
  const [standing, setStanding] = useState<Standing | null>(null);
  const fetchPage = useCallback(
    async (page: number) => {
      const result = await listMissingReports(gridId, page);
      if (result.ok) setStanding(standingOf(result.data));
      // The paged list keys rows by id; a person is missing at most once a day.
      return keyedPage(Promise.resolve(result), (item) => item.personId);
    },
    [gridId],
  );
  // 一键提醒 changes the rows' reminders: the list reads itself again in place.
  const list = usePagedList(fetchPage, { topics: ['health'] });
  const { state, reload } = list;
  usePullRefresh(reload);

  return (
    <View className="page not-reported">
      <ListHead title="今日未报" list={state} unit="人" level="page" />
      {standing && standing.total > 0 ? <RemindBar gridId={gridId} standing={standing} /> : null}
      <Text className="small-note">
        仅列出居家观察中的人员。「拨打电话」显示完整号码并拨号，查看记录将被留存。
      </Text>
      <PagedStates
        list={list}
        empty={{ title: '今日已全部打卡', message: '居家观察人员今天都已报告' }}
        className="section"
      >
        {(items) => (
          <>
            {items.map((item) => (
              <MissingRow key={item.id} missing={item} />
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}

const standingOf = (page: MissingPage): Standing => ({
  total: page.total,
  message: page.reminded.message,
  call: page.reminded.call,
});

/** The counts, and 一键提醒 for whoever has not been reminded yet. */
function RemindBar({ gridId, standing }: { gridId: string; standing: Standing }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const waiting = Math.max(0, standing.total - standing.message - standing.call);

  const remind = async () => {
    if (busy) return;
    const confirmed = await askToConfirm(
      '一键提醒',
      `向 ${waiting} 位尚未提醒的人员发送打卡提醒？已订阅的发送微信消息，未订阅的列入电话提醒。`,
      '发送提醒',
    );
    if (!confirmed) return;
    setBusy(true);
    setMessage(null);
    setOutcome(null);
    const result = await remindNotReported(gridId);
    setBusy(false);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    const { messages, calls } = result.data;
    toastDone('已提醒');
    setOutcome(
      `已发送微信提醒 ${messages} 人` +
        (calls > 0 ? `；${calls} 人未订阅提醒，已列入电话提醒，请逐一拨打。` : '。'),
    );
  };

  return (
    <View className="card remind-bar">
      <View className="remind-bar__counts">
        <Count label="已发送提醒" value={standing.message} kind="sent" />
        <Count label="需电话提醒" value={standing.call} kind="call" />
        <Count label="尚未提醒" value={waiting} kind="waiting" />
      </View>
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      {outcome ? <Text className="notice notice--success">{outcome}</Text> : null}
      {waiting > 0 ? (
        <Button
          className="btn btn--primary btn--block"
          hoverClass="btn--pressed"
          disabled={busy ? true : undefined}
          onClick={() => void remind()}
        >
          {busy ? '正在提醒…' : `一键提醒（${waiting} 人）`}
        </Button>
      ) : (
        <Text className="small-note">都已提醒过。需电话提醒的，请逐一拨打。</Text>
      )}
    </View>
  );
}

function Count({ label, value, kind }: { label: string; value: number; kind: string }) {
  return (
    <View className={`remind-count remind-count--${kind}`}>
      <Text className="remind-count__value">{value}</Text>
      <Text className="remind-count__label">{label}</Text>
    </View>
  );
}
