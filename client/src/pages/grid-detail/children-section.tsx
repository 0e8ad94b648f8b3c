import { View } from '@tarojs/components';
import { PagedStates } from '../../components/paged-states';
import { useCallback, useEffect } from 'react';
import { GridNodeList } from '../../components/grid-node-list';
import { usePagedList } from '../../hooks/use-paged-list';
import { openPage, routes } from '../../routes';
import { listChildren } from '../../services/grids';
import { ListHead } from '../../components/list-head';

/** The node's children, 20 at a time; tapping one drills down. */
export function ChildrenSection({ gridId, refreshKey }: { gridId: string; refreshKey: number }) {
  const fetchPage = useCallback((page: number) => listChildren(gridId, page), [gridId]);
  const { state, reload, loadMore } = usePagedList(fetchPage);

  useEffect(() => {
    if (refreshKey > 0) void reload();
  }, [refreshKey, reload]);

  return (
    <View className="section">
      <ListHead title="下级网格" list={state} unit="个" />
      <PagedStates
        state={state}
        onRetry={() => void reload()}
        onLoadMore={() => void loadMore()}
        failedTitle="下级网格加载失败"
        empty={{ title: '暂无下级网格' }}
      >
        {(items) => (
          <>
            <GridNodeList items={items} onOpen={(node) => openPage(routes.gridDetail(node.id))} />
          </>
        )}
      </PagedStates>
    </View>
  );
}
