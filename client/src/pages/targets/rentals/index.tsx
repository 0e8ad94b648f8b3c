import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { TextField } from '../../../components/form-field';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { MissingGrid, ResourcePage } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { decodeParam, openPage, routes } from '../../../routes';
import { getGridDetail, type GridDetail } from '../../../services/grids';
import { SEARCH_QUERY_MAX } from '../../../services/search';
import { listRentals } from '../../../services/targets';
import { RentalRowCard } from '../shared/rows';
import { useDebounced } from '../shared/use-debounced';

/**
 * 出租屋 of one node (`?gridId=`): its rentals a page at a time, found by the start of the
 * address, and 新建出租屋 on a leaf.
 */
export default function RentalsPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return <RentalsLoader gridId={gridId} />;
}

function RentalsLoader({ gridId }: { gridId: string }) {
  const load = useCallback(() => getGridDetail(gridId), [gridId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(detail) => <Rentals detail={detail} reloadDetail={reload} />}
    </ResourcePage>
  );
}

function Rentals({ detail, reloadDetail }: { detail: GridDetail; reloadDetail: () => unknown }) {
  const { node, can } = detail;
  const [text, setText] = useState('');
  const query = useDebounced(text);
  const fetchPage = useCallback(
    (page: number) => listRentals(node.id, page, query || undefined),
    [node.id, query],
  );
  const list = usePagedList(fetchPage);
  usePullRefresh(() => Promise.all([reloadDetail(), list.reload()]));

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${node.name} · 出租屋` });
  }, [node.name]);

  // Rentals live only on a node without children, as households do.
  const mayCreate = can.registerPeople && node.childCount === 0;
  return (
    <View className="page target-list">
      <ListHead title={node.name} list={list.state} unit="处" level="page" />
      <Text className="page__hint">
        谁出租谁负责：每处出租屋登记房东和租客，租客须是已登记的居民。
      </Text>
      {mayCreate ? (
        <Button
          className="btn btn--primary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.rentalForm({ gridId: node.id }))}
        >
          新建出租屋
        </Button>
      ) : null}
      {can.registerPeople && node.childCount > 0 ? (
        <Text className="page__hint">出租屋登记在最末一级网格，新建请进入下级网格。</Text>
      ) : null}
      <TextField
        label="按地址查找"
        value={text}
        onChange={setText}
        maxlength={SEARCH_QUERY_MAX}
        placeholder="输入地址开头，如 东街"
      />
      <PagedStates
        list={list}
        failedTitle="出租屋加载失败"
        empty={
          query
            ? { title: '没有找到', message: '换个写法再试：地址从头输入' }
            : { title: '暂无出租屋', message: mayCreate ? '点「新建出租屋」登记第一处' : undefined }
        }
      >
        {(items) =>
          items.map((row) => (
            <RentalRowCard key={row.id} row={row} onOpen={() => openPage(routes.rental(row.id))} />
          ))
        }
      </PagedStates>
    </View>
  );
}
