import { Text, View } from '@tarojs/components';
import { useCallback, useEffect } from 'react';
import { GridNodeList } from '../../components/grid-node-list';
import { LoadMore } from '../../components/load-more';
import { StatusBlock } from '../../components/status-block';
import { usePagedList } from '../../hooks/use-paged-list';
import { openPage, routes } from '../../routes';
import { listChildren } from '../../services/grids';

/** The node's children, 20 at a time; tapping one drills down. */
export function ChildrenSection({ gridId, refreshKey }: { gridId: string; refreshKey: number }) {
  const fetchPage = useCallback((page: number) => listChildren(gridId, page), [gridId]);
  const { state, reload, loadMore } = usePagedList(fetchPage);

  useEffect(() => {
    if (refreshKey > 0) void reload();
  }, [refreshKey, reload]);

  return (
    <View className="section">
      <View className="section__head">
        <Text className="section__title">下级网格</Text>
        {state.status === 'ready' ? (
          <Text className="section__meta">共 {state.total} 个</Text>
        ) : null}
      </View>
      {state.status === 'loading' ? <StatusBlock kind="loading" title="加载中…" /> : null}
      {state.status === 'failed' ? (
        <StatusBlock
          kind="error"
          title="下级网格加载失败"
          message={state.message}
          actionText="重试"
          onAction={() => void reload()}
        />
      ) : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <StatusBlock kind="empty" title="暂无下级网格" />
      ) : null}
      {state.status === 'ready' && state.items.length > 0 ? (
        <View>
          <GridNodeList
            items={state.items}
            onOpen={(node) => openPage(routes.gridDetail(node.id))}
          />
          <LoadMore
            shown={state.items.length}
            total={state.total}
            loading={state.loadingMore}
            error={state.moreError}
            onLoadMore={() => void loadMore()}
          />
        </View>
      ) : null}
    </View>
  );
}
