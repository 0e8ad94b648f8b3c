import { Text, View } from '@tarojs/components';
import { PagedStates } from '../../components/paged-states';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { StatusBlock } from '../../components/status-block';
import { usePagedList } from '../../hooks/use-paged-list';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { decodeParam } from '../../routes';
import { listMissingReports } from '../../services/health';
import { MissingRow } from './missing-row';
import './index.css';
import { ListHead } from '../../components/list-head';

export default function NotReportedPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) {
    return (
      <View className="page">
        <StatusBlock kind="error" title="无法打开" message="缺少网格编号，请从网格详情进入" />
      </View>
    );
  }
  return <NotReportedList gridId={gridId} />;
}

/** Who under home observation in the node's subtree has not reported today, to call or remind. */
function NotReportedList({ gridId }: { gridId: string }) {
  const fetchPage = useCallback(
    async (page: number) => {
      const result = await listMissingReports(gridId, page);
      if (!result.ok) return result;
      // The paged list keys rows by id; a person is missing at most once a day.
      const items = result.data.items.map((item) => ({ ...item, id: item.personId }));
      return { ok: true as const, data: { ...result.data, items } };
    },
    [gridId],
  );
  const { state, reload, loadMore } = usePagedList(fetchPage);
  usePullRefresh(reload);

  return (
    <View className="page not-reported">
      <ListHead title="今日未报" list={state} unit="人" level="page" />
      <Text className="small-note">
        仅列出居家观察中的人员。手机号默认隐藏，点「查看」拨打电话，查看记录将被留存。
      </Text>
      <PagedStates
        state={state}
        onRetry={() => void reload()}
        onLoadMore={() => void loadMore()}
        empty={{ title: '今日已全部打卡', message: '居家观察人员今天都已报告' }}
        className="section"
      >
        {(items) => (
          <>
            {items.map((item) => (
              <MissingRow key={item.id} missing={item} />
            ))}
          </>
        )}
      </PagedStates>
    </View>
  );
}
