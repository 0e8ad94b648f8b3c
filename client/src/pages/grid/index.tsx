import { Text, View } from '@tarojs/components';
import { PagedStates } from '../../components/paged-states';
import { useCallback } from 'react';
import { GridNodeList } from '../../components/grid-node-list';
import { usePagedList } from '../../hooks/use-paged-list';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { listChildren } from '../../services/grids';
import { openPage, routes } from '../../routes';
import './index.css';

/** Where drilling down starts: the town for the command centre, one's own nodes otherwise. */
export default function GridPage() {
  const fetchRoots = useCallback((page: number) => listChildren(null, page), []);
  const list = usePagedList(fetchRoots);
  const { reload } = list;
  usePullRefresh(reload);

  return (
    <View className="page grid-page">
      <Text className="page__title">我的网格</Text>
      <Text className="page__hint">点按网格查看下级网格、团队和住户</Text>

      <PagedStates
        list={list}
        empty={{
          title: '暂无可查看的网格',
          message: '您还不是任何网格的网格长或成员。请向网格长索取邀请码加入。',
          actionText: '加入网格',
          onAction: () => openPage(routes.join('member')),
        }}
        className="section"
      >
        {(items) => (
          <>
            <GridNodeList
              items={items}
              showPath
              onOpen={(node) => openPage(routes.gridDetail(node.id))}
            />
          </>
        )}
      </PagedStates>
    </View>
  );
}
