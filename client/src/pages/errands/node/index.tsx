import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { PagedStates } from '../../../components/paged-states';
import { MissingGrid } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { decodeParam } from '../../../routes';
import { listNodeErrands } from '../../../services/errands';
import { ListHead } from '../../../components/list-head';
import { NodeErrand } from './node-errand';

export default function NodeErrandsPage() {
  const { params } = useRouter();
  const gridId = decodeParam(params.gridId);
  if (!gridId) return <MissingGrid />;
  return <NodeErrands gridId={gridId} settle={params.settle === '1'} />;
}

/** Every errand in the node's subtree, newest first: who asked, who claimed, how far it got. */
function NodeErrands({ gridId, settle }: { gridId: string; settle: boolean }) {
  const fetchPage = useCallback((page: number) => listNodeErrands(gridId, page), [gridId]);
  const list = usePagedList(fetchPage);
  const { state, reload } = list;
  usePullRefresh(reload);

  return (
    <View className="page node-errands">
      <ListHead title="跑腿代购" list={state} unit="单" level="page" />
      <Text className="small-note">本网格及下级网格的全部代购，最新的在前。</Text>
      <PagedStates
        list={list}
        empty={{ title: '暂无代购', message: '本网格还没有居民提交代购需求' }}
        className="section"
      >
        {(items) => (
          <>
            {items.map((errand) => (
              <NodeErrand
                key={errand.id}
                errand={errand}
                settle={settle}
                onChanged={() => void reload()}
              />
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}
