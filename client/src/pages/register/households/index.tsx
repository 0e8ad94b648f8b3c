import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { MissingGrid, ResourcePage } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { decodeParam, openPage, routes } from '../../../routes';
import { getGridDetail, type GridDetail } from '../../../services/grids';
import {
  HOUSEHOLD_FILTER_LABELS,
  HOUSEHOLD_FILTERS,
  listRegisterHouseholds,
  type HouseholdCounts,
  type HouseholdFilter,
} from '../../../services/register';
import { HouseholdRow } from '../shared/household-row';

type Choice = 'all' | HouseholdFilter;

const EMPTY_TITLES: Record<HouseholdFilter, string> = {
  observing: '本网格没有居家观察中的住户',
  notReported: '本网格今日没有未报的住户',
  abnormal: '本网格今日没有异常的住户',
  care: '本网格没有重点关爱的住户',
};

/** 全部, then a chip per tag with how many households carry it once the first page told. */
function chipOptions(counts: HouseholdCounts | null): { value: Choice; label: string }[] {
  return [
    { value: 'all', label: '全部' },
    ...HOUSEHOLD_FILTERS.map((filter) => ({
      value: filter,
      label: counts
        ? `${HOUSEHOLD_FILTER_LABELS[filter]} ${counts[filter]}`
        : HOUSEHOLD_FILTER_LABELS[filter],
    })),
  ];
}

/**
 * 住户登记 of one node (`?gridId=`): its households a page at a time, each with its tags, chips to
 * show only those 观察中 / 今日未报 / 异常 / 重点关爱, and 新建住户 on a leaf.
 */
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
  const [choice, setChoice] = useState<Choice>('all');
  const [counts, setCounts] = useState<HouseholdCounts | null>(null);
  // A new filter is a new list: usePagedList starts again from page 1 when fetchPage changes.
  const fetchPage = useCallback(
    async (page: number) => {
      const result = await listRegisterHouseholds(
        node.id,
        page,
        choice === 'all' ? undefined : choice,
      );
      // Counted for the whole node whatever the filter: any first page refreshes the chips.
      if (result.ok && result.data.counts) setCounts(result.data.counts);
      return result;
    },
    [node.id, choice],
  );
  const list = usePagedList(fetchPage);
  usePullRefresh(() => Promise.all([reloadDetail(), list.reload()]));

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${node.name} · 住户` });
  }, [node.name]);

  // Households live only on a node without children (the daily report counts them per leaf).
  const mayCreate = (can.manage || can.registerPeople) && node.childCount === 0;
  return (
    <View className="page register-households">
      <ListHead
        title={node.name}
        list={list.state}
        unit="户"
        level="page"
        prefix={choice === 'all' ? '共' : HOUSEHOLD_FILTER_LABELS[choice]}
      />
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
      <ChoiceChips options={chipOptions(counts)} value={choice} onChange={setChoice} />
      <PagedStates
        list={list}
        failedTitle="住户加载失败"
        empty={
          choice === 'all'
            ? { title: '暂无住户', message: mayCreate ? '点「新建住户」登记第一户' : undefined }
            : { title: EMPTY_TITLES[choice], message: '点「全部」查看所有住户' }
        }
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
