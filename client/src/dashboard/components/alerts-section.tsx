import { Text, View } from '@tarojs/components';
import { useCallback } from 'react';
import { PagedStates } from '../../components/paged-states';
import { useReloadOn } from '../../hooks/use-reload-on';
import { keyedPage, usePagedList } from '../../hooks/use-paged-list';
import { listAlerts, type AlertRow } from '../../services/dashboard';
import { OBSERVATION_CLASS_LABELS } from '../../services/health';
import { ListHead } from '../../components/list-head';

/** People under the node whose observation is escalated, latest alert first, 20 at a time. */
export function AlertsSection({ gridId, refreshKey }: { gridId: string; refreshKey: number }) {
  const fetchPage = useCallback(
    (page: number) => keyedPage(listAlerts(gridId, page), (row) => row.personId),
    [gridId],
  );
  const list = usePagedList(fetchPage);
  const { state, reload } = list;

  useReloadOn(refreshKey, reload);

  return (
    <View className="section">
      <ListHead title="异常人员" list={state} unit="人" />
      <PagedStates
        list={list}
        failedTitle="异常人员加载失败"
        empty={{ title: '暂无异常人员', message: '没有发热或有症状未解除的居家观察人员' }}
      >
        {(rows) => (
          <>
            {rows.map((row) => (
              <AlertCard key={row.id} row={row} />
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}

function AlertCard({ row }: { row: AlertRow }) {
  return (
    <View className="card alert-card">
      <View className="alert-card__head">
        <Text className="alert-card__name">{row.name}</Text>
        <Text className="tag">{OBSERVATION_CLASS_LABELS[row.class]}</Text>
      </View>
      <Text className="alert-card__grid">{row.gridName}</Text>
      {row.reason ? <Text className="alert-card__reason">{row.reason}</Text> : null}
      <Text className="small-note">
        {row.alertDay ? `预警日期：${row.alertDay}` : '预警日期不详'}
        {' · '}
        {row.lastReportDay ? `上次打卡：${row.lastReportDay}` : '尚未打过卡'}
      </Text>
    </View>
  );
}
