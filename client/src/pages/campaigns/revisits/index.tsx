import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { CannotOpen } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { decodeParam, openPage, routes } from '../../../routes';
import { listRevisits } from '../../../services/campaigns';
import { TargetRow } from '../shared/target-row';

/**
 * 回访队列 (`?id=`): doors found 无人在家 this round; the caller's own, or with `&gridId=` every
 * one under that node, those flagged to the leader first.
 */
export default function RevisitsPage() {
  const params = useRouter().params;
  const campaignId = decodeParam(params.id);
  const gridId = decodeParam(params.gridId);
  if (!campaignId) {
    return <CannotOpen missing="排查编号" from="排查详情" />;
  }
  return <Revisits campaignId={campaignId} gridId={gridId} />;
}

function Revisits({ campaignId, gridId }: { campaignId: string; gridId: string }) {
  const fetchPage = useCallback(
    (page: number) => listRevisits(campaignId, page, gridId || undefined),
    [campaignId, gridId],
  );
  const list = usePagedList(fetchPage);
  usePullRefresh(list.reload);
  return (
    <View className="page campaign-revisits">
      <ListHead
        title={gridId ? '回访队列' : '我的回访队列'}
        list={list.state}
        unit="户"
        level="page"
      />
      <Text className="page__hint">
        本轮无人在家、尚待再次上门的对象；多次无人在家的由网格长处理
      </Text>
      <PagedStates list={list} failedTitle="回访队列加载失败" empty={{ title: '没有待回访的对象' }}>
        {(items) =>
          items.map((row) => (
            <TargetRow
              key={row.id}
              row={row}
              showAssignee={Boolean(gridId)}
              onOpen={() => openPage(routes.campaignVisit(campaignId, row.id))}
            />
          ))
        }
      </PagedStates>
    </View>
  );
}
