import { Text, View } from '@tarojs/components';
import { PagedStates } from '../../components/paged-states';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { MissingGrid } from '../../components/status-block';
import { keyedPage, usePagedList } from '../../hooks/use-paged-list';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { decodeParam } from '../../routes';
import { listMissingReports } from '../../services/health';
import { MissingRow } from './missing-row';
import './index.css';
import { ListHead } from '../../components/list-head';

export default function NotReportedPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return <NotReportedList gridId={gridId} />;
}

/** Who under home observation in the node's subtree has not reported today, to call or remind. */
function NotReportedList({ gridId }: { gridId: string }) {
  const fetchPage = useCallback(
    // The paged list keys rows by id; a person is missing at most once a day.
    (page: number) => keyedPage(listMissingReports(gridId, page), (item) => item.personId),
    [gridId],
  );
  const list = usePagedList(fetchPage);
  const { state, reload } = list;
  usePullRefresh(reload);

  return (
    <View className="page not-reported">
      <ListHead title="今日未报" list={state} unit="人" level="page" />
      <Text className="small-note">
        仅列出居家观察中的人员。手机号默认隐藏，点「查看」拨打电话，查看记录将被留存。
      </Text>
      <PagedStates
        list={list}
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
