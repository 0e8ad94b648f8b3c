import { View } from '@tarojs/components';
import { PagedStates } from '../../components/paged-states';
import { useCallback } from 'react';
import { GridNodeList } from '../../components/grid-node-list';
import { useReloadOn } from '../../hooks/use-reload-on';
import { usePagedList } from '../../hooks/use-paged-list';
import { openPage, routes } from '../../routes';
import { listChildren } from '../../services/grids';
import { ListHead } from '../../components/list-head';

/** The node's children, 20 at a time; tapping one drills down. */
export function ChildrenSection({ gridId, refreshKey }: { gridId: string; refreshKey: number }) {
  const fetchPage = useCallback((page: number) => listChildren(gridId, page), [gridId]);
  const list = usePagedList(fetchPage);
  const { state, reload } = list;

  useReloadOn(refreshKey, reload);

  return (
    <View className="section">
      <ListHead title="下级网格" list={state} unit="个" />
      <PagedStates list={list} failedTitle="下级网格加载失败" empty={{ title: '暂无下级网格' }}>
        {(items) => (
          <>
            <GridNodeList items={items} onOpen={(node) => openPage(routes.gridDetail(node.id))} />
          </>
        )}
      </PagedStates>
    </View>
  );
}
