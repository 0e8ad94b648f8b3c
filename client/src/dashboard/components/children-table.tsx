import { Text, View } from '@tarojs/components';
import { useCallback } from 'react';
import { PagedStates } from '../../components/paged-states';
import { useReloadOn } from '../../hooks/use-reload-on';
import { keyedPage, usePagedList } from '../../hooks/use-paged-list';
import { listReportChildren, type DailyReportRow } from '../../services/dashboard';
import { ListHead } from '../../components/list-head';

/** The children's reports that day, late first, 20 at a time; a row opens that child's report. */
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
      <PagedStates list={list} failedTitle="下级网格加载失败" empty={{ title: '没有下级网格' }}>
        {(rows) => (
          <View className="report-table">
            <View className="report-table__row report-table__row--head">
              <Text className="report-table__name">网格</Text>
              <Text className="report-table__cell">应报</Text>
              <Text className="report-table__cell">已报</Text>
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
  return (
    <View
      className={row.late ? 'report-table__row report-table__row--late' : 'report-table__row'}
      hoverClass="report-table__row--pressed"
      onClick={() => onOpen(row.gridId)}
    >
      <View className="report-table__name">
        <Text className="report-table__node">{row.name}</Text>
        <Text className="report-table__level">
          {row.levelName}
          {row.late ? ' · 有未报' : ''}
        </Text>
      </View>
      <Text className="report-table__cell">{figures.reportsDue}</Text>
      <Text className="report-table__cell">{figures.reportsReceived}</Text>
      <Text className="report-table__cell report-table__cell--missing">
        {figures.reportsMissing}
      </Text>
      <Text className="report-table__cell">{figures.fevers}</Text>
      <Text className="report-table__cell">{figures.escalated}</Text>
    </View>
  );
}
