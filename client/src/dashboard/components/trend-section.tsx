import { Text, View } from '@tarojs/components';
import { useCallback } from 'react';
import { LoadFailed, StatusBlock } from '../../components/status-block';
import { useReloadOn } from '../../hooks/use-reload-on';
import { useResource } from '../../hooks/use-resource';
import { getTrend, TREND_DAYS } from '../../services/dashboard';
import { TrendChart } from '../chart/trend-chart';

export function TrendSection({ gridId, refreshKey }: { gridId: string; refreshKey: number }) {
  const load = useCallback(() => getTrend(gridId), [gridId]);
  const { state, reload } = useResource(load);

  useReloadOn(refreshKey, reload);

  return (
    <View className="section">
      <View className="section__head">
        <Text className="section__title">近 {TREND_DAYS} 天走势</Text>
      </View>
      {state.status === 'loading' ? <StatusBlock kind="loading" title="加载中…" /> : null}
      {state.status === 'failed' ? (
        <LoadFailed title="走势加载失败" message={state.message} onRetry={reload} />
      ) : null}
      {state.status === 'ready' ? <TrendChart points={state.data.points} /> : null}
    </View>
  );
}
