import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect } from 'react';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { MissingGrid, ResourcePage } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { decodeParam, openPage, routes } from '../../../routes';
import { getGridDetail, type GridDetail } from '../../../services/grids';
import { listRegisterHouseholds } from '../../../services/register';
import { HouseholdRow } from '../shared/household-row';

/** 住户登记 of one node (`?gridId=`): its households a page at a time, and 新建住户 on a leaf. */
export default function RegisterHouseholdsPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return <HouseholdsLoader gridId={gridId} />;
}

function HouseholdsLoader({ gridId }: { gridId: string }) {
  const load = useCallback(() => getGridDetail(gridId), [gridId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(detail) => <HouseholdsView detail={detail} reloadDetail={reload} />}
    </ResourcePage>
  );
}

function HouseholdsView({
  detail,
  reloadDetail,
}: {
  detail: GridDetail;
  reloadDetail: () => Promise<void>;
}) {
  const { node, can } = detail;
  const fetchPage = useCallback((page: number) => listRegisterHouseholds(node.id, page), [node.id]);
  const list = usePagedList(fetchPage);
  usePullRefresh(() => Promise.all([reloadDetail(), list.reload()]));

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${node.name} · 住户` });
  }, [node.name]);

  // Households live only on a node without children (the daily report counts them per leaf).
  const mayCreate = (can.manage || can.registerPeople) && node.childCount === 0;
  return (
    <View className="page register-households">
      <ListHead title={node.name} list={list.state} unit="户" level="page" />
      {mayCreate ? (
        <Button
          className="btn btn--primary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.registerPlace({ gridId: node.id }))}
        >
          新建住户
        </Button>
      ) : null}
      {can.manage && node.childCount > 0 ? (
        <Text className="page__hint">住户登记在最末一级网格，新建住户请进入下级网格。</Text>
      ) : null}
      <PagedStates
        list={list}
        failedTitle="住户加载失败"
        empty={{
          title: '暂无住户',
          message: mayCreate ? '点「新建住户」登记第一户' : undefined,
        }}
      >
        {(items) =>
          items.map((row) => (
            <HouseholdRow
              key={row.id}
              row={row}
              onOpen={() => openPage(routes.registerHousehold(row.id, node.id))}
            />
          ))
        }
      </PagedStates>
    </View>
  );
}
