import { Text, View } from '@tarojs/components';
import { useCallback } from 'react';
import { PagedStates } from '../../components/paged-states';
import { useReloadOn } from '../../hooks/use-reload-on';
import { keyedPage, usePagedList } from '../../hooks/use-paged-list';
import { completionOf, listReportChildren, type DailyReportRow } from '../../services/dashboard';
import { ListHead } from '../../components/list-head';

/**
 * The children's reports that day, 20 at a time, the lowest share of reports received first (the
 * village lagging behind is on top); a row opens that child's report.
 */
export function ChildrenTable({
  gridId,
  day,
  refreshKey,
  onOpen,
}: {
  gridId: string;
  day: string;
  refreshKey: number;
  onOpen: (gridId: string) => void;
}) {
  const fetchPage = useCallback(
    (page: number) => keyedPage(listReportChildren(gridId, day, page), (row) => row.gridId),
    [gridId, day],
  );
  const list = usePagedList(fetchPage);
  const { state, reload } = list;

  useReloadOn(refreshKey, reload);

  return (
    <View className="section">
      <ListHead title="下级网格" list={state} unit="个" />
      <Text className="small-note report-table__note">按打卡完成率从低到高排列</Text>
      <PagedStates list={list} failedTitle="下级网格加载失败" empty={{ title: '没有下级网格' }}>
        {(rows) => (
          <View className="report-table">
            <View className="report-table__row report-table__row--head">
              <Text className="report-table__name">网格</Text>
              <Text className="report-table__done">已报/应报</Text>
              <Text className="report-table__cell">未报</Text>
              <Text className="report-table__cell">发热</Text>
              <Text className="report-table__cell">异常</Text>
            </View>
            {rows.map((row) => (
              <ChildRow key={row.id} row={row} onOpen={onOpen} />
            ))}
          </View>
        )}
      </PagedStates>
    </View>
  );
}

function ChildRow({ row, onOpen }: { row: DailyReportRow; onOpen: (gridId: string) => void }) {
  const { figures } = row;
  const percent = Math.round(completionOf(figures) * 100);
  return (
    <View
      className={row.late ? 'report-table__row report-table__row--late' : 'report-table__row'}
      hoverClass="report-table__row--pressed"
      ariaRole="button"
      ariaLabel={`${row.name}，已报 ${figures.reportsReceived} / 应报 ${figures.reportsDue}，未报 ${figures.reportsMissing}`}
      onClick={() => onOpen(row.gridId)}
    >
      <View className="report-table__name">
        <Text className="report-table__node">{row.name}</Text>
        <Text className="report-table__level">
          {row.levelName}
          {row.late ? ' · 有未报' : ''}
        </Text>
      </View>
      <View className="report-table__done">
        <Text className="report-table__ratio">
          {figures.reportsReceived}/{figures.reportsDue}
        </Text>
        <View className="completion__bar completion__bar--small">
          <View className="completion__fill" style={{ width: `${percent}%` }} />
        </View>
      </View>
      <Text className="report-table__cell report-table__cell--missing">
        {figures.reportsMissing}
      </Text>
      <Text className="report-table__cell">{figures.fevers}</Text>
      <Text className="report-table__cell">{figures.escalated}</Text>
    </View>
  );
}
