import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ResourcePage, StatusBlock } from '../../../components/status-block';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { decodeParam, openPage, routes } from '../../../routes';
import {
  addDays,
  chinaToday,
  getCheckpointCounts,
  type CountsScope,
  type CountsView,
  type ShiftCounts,
} from '../../../services/checkpoints-log';
import { CountsGrid, countsLine } from './counts-table';
import { DayRange } from './day-range';
import { LogExport } from './log-export';
import './index.css';

/** The week up to today, when the page opens. */
const DEFAULT_DAYS = 7;

/**
 * 卡口统计 (`?siteId=` and/or `?gridId=`): what passed a site per day and per shift, or a node's
 * sites per day and per site, over a range of China days; leaders export a site's log from here.
 */
export default function CountsPage() {
  const params = useRouter().params;
  const siteId = decodeParam(params.siteId);
  const gridId = decodeParam(params.gridId);
  if (!siteId && !gridId) {
    return (
      <View className="page">
        <StatusBlock kind="error" title="无法打开" message="缺少卡口或网格编号，请从卡口列表进入" />
      </View>
    );
  }
  return <Counts siteId={siteId} gridId={gridId} />;
}

/** `siteId` or `gridId` (or both: a site opened from a node's list); empty when absent. */
function Counts({ siteId, gridId }: { siteId: string; gridId: string }) {
  const today = chinaToday();
  const [range, setRange] = useState({ from: addDays(today, -(DEFAULT_DAYS - 1)), to: today });
  const [page, setPage] = useState(1);
  const load = useCallback(() => {
    const scope: CountsScope = siteId ? { siteId, ...(gridId && { gridId }) } : { gridId };
    return getCheckpointCounts(scope, range.from, range.to, page);
  }, [siteId, gridId, range.from, range.to, page]);
  const counts = useResource(load);
  usePullRefresh(counts.reload);

  return (
    <ResourcePage state={counts.state} onRetry={counts.reload}>
      {(view) => (
        <View className="page checkpoint-counts">
          <Text className="page__title">{view.scope.name}</Text>
          <DayRange
            from={range.from}
            to={range.to}
            today={today}
            onChange={(next) => {
              setRange(next);
              setPage(1);
            }}
          />
          <View className="card">
            <Text className="section__title">合计</Text>
            <CountsGrid counts={view.totals} />
          </View>
          {view.scope.kind === 'site' && view.canExport ? (
            <LogExport siteId={view.scope.siteId} name={view.scope.name} {...range} />
          ) : null}
          <DayList view={view} />
          {view.scope.kind === 'site' ? <ShiftList shifts={view.shifts} /> : null}
          {view.scope.kind === 'grid' ? (
            <SiteList view={view} gridId={view.scope.gridId} onPage={setPage} />
          ) : null}
        </View>
      )}
    </ResourcePage>
  );
}

/** Each day of the range, newest first. */
function DayList({ view }: { view: CountsView }) {
  return (
    <View className="section">
      <Text className="section__title">每日</Text>
      {[...view.days].reverse().map((d) => (
        <View key={d.day} className="card counts-row">
          <Text className="counts-row__title">{d.day}</Text>
          <Text className="small-note">{countsLine(d.counts)}</Text>
        </View>
      ))}
    </View>
  );
}

/** A site's shifts, newest day first: the crew against the need, and what passed on the shift. */
function ShiftList({ shifts }: { shifts: ShiftCounts[] }) {
  if (shifts.length === 0) {
    return <StatusBlock kind="empty" title="这段时间没有排班" />;
  }
  const ordered = [...shifts].sort(
    (a, b) => b.day.localeCompare(a.day) || a.start.localeCompare(b.start),
  );
  return (
    <View className="section">
      <Text className="section__title">班次</Text>
      {ordered.map((s) => (
        <View
          key={s.shiftId}
          className={`card counts-row${s.filled < s.need ? ' counts-row--short' : ''}`}
        >
          <Text className="counts-row__title">
            {s.day} {s.start}–{s.end}
          </Text>
          <Text className="small-note">
            {s.filled < s.need
              ? `缺 ${s.need - s.filled} 人（${s.filled}/${s.need}）`
              : `已排满（${s.filled}/${s.need}）`}
          </Text>
          <Text className="small-note">{countsLine(s.counts)}</Text>
        </View>
      ))}
    </View>
  );
}

/** A node's sites, a page at a time: each opens its own counts. */
function SiteList(props: { view: CountsView; gridId: string; onPage: (page: number) => void }) {
  const { view, gridId, onPage } = props;
  if (view.totalSites === 0) {
    return <StatusBlock kind="empty" title="该网格下还没有卡口" />;
  }
  const pages = Math.ceil(view.totalSites / view.pageSize);
  return (
    <View className="section">
      <Text className="section__title">各卡口（共 {view.totalSites} 个）</Text>
      {view.sites.map((s) => (
        <View
          key={s.siteId}
          className="card counts-row counts-row--link"
          hoverClass="counts-row--pressed"
          ariaRole="button"
          onClick={() => openPage(routes.checkpointCounts({ siteId: s.siteId, gridId }))}
        >
          <Text className="counts-row__title">{s.name} ›</Text>
          <Text className="small-note">{s.gridName}</Text>
          <Text className="small-note">{countsLine(s.counts)}</Text>
        </View>
      ))}
      {pages > 1 ? (
        <View className="btn-row">
          <Button
            className="btn btn--secondary"
            hoverClass="btn--pressed"
            disabled={view.page <= 1 ? true : undefined}
            onClick={() => onPage(view.page - 1)}
          >
            上一页
          </Button>
          <Text className="small-note">
            {view.page}/{pages}
          </Text>
          <Button
            className="btn btn--secondary"
            hoverClass="btn--pressed"
            disabled={view.page >= pages ? true : undefined}
            onClick={() => onPage(view.page + 1)}
          >
            下一页
          </Button>
        </View>
      ) : null}
    </View>
  );
}
