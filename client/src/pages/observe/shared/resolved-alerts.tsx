import { Text, View } from '@tarojs/components';
import { useCallback } from 'react';
import { PagedStates } from '../../../components/paged-states';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { listResolvedAlerts } from '../../../services/observations';
import { AlertReading } from './observation-row';

/** 已处理: each resolved alert with what was reported, what the check found, who and when. */
export function ResolvedAlerts({ gridId }: { gridId: string }) {
  const fetchPage = useCallback((page: number) => listResolvedAlerts(gridId, page), [gridId]);
  // A resolve elsewhere (the 待处理 list, another page) adds a row here.
  const list = usePagedList(fetchPage, { topics: ['health'] });
  usePullRefresh(list.reload);
  const { state } = list;

  return (
    <View className="section">
      {state.status === 'ready' ? (
        <Text className="section__meta observe-count">共 {state.total} 条已处理</Text>
      ) : null}
      <PagedStates
        list={list}
        empty={{ title: '暂无已处理的异常', message: '解除的异常会留在这里，便于回查' }}
      >
        {(items) => (
          <>
            {items.map((item) => (
              <View key={item.id} className="card observed observed--resolved">
                <View className="observed__head">
                  <Text className="observed__name">{item.name}</Text>
                  <Text className="tag observed__resolved">已解除</Text>
                </View>
                <AlertReading alert={item.alert} />
                <Text className="observed__reading-line">核实情况：{item.resolution}</Text>
                <Text className="observed__care">
                  {item.resolvedBy} · {item.resolvedAt} 解除
                </Text>
              </View>
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}
