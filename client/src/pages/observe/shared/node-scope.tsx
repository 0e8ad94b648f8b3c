import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, type ReactNode } from 'react';
import { LoadFailed, StatusBlock } from '../../../components/status-block';
import { useResource } from '../../../hooks/use-resource';
import { breadcrumbNames, getGridDetail, type GridDetail } from '../../../services/grids';

/**
 * The node a list page is about, with what the caller may do there. These pages are also opened
 * straight from a subscribe message, so the `can` flags are read here, never passed in the query.
 */
export function NodeScope({
  gridId,
  title,
  children,
}: {
  gridId: string;
  title: string;
  children: (detail: GridDetail) => ReactNode;
}) {
  const load = useCallback(() => getGridDetail(gridId), [gridId]);
  const { state, reload } = useResource(load);
  const nodeName = state.status === 'ready' ? state.data.node.name : null;

  useEffect(() => {
    if (nodeName) void Taro.setNavigationBarTitle({ title: `${title} · ${nodeName}` });
  }, [nodeName, title]);

  if (state.status === 'loading') return <StatusBlock kind="loading" title="加载中…" />;
  if (state.status === 'failed') {
    return <LoadFailed message={state.message} onRetry={reload} />;
  }
  return (
    <View>
      <View className="observe-scope">
        <Text className="page__title">{title}</Text>
        <Text className="observe-scope__node">{breadcrumbNames(state.data.node).join(' › ')}</Text>
      </View>
      {children(state.data)}
    </View>
  );
}
