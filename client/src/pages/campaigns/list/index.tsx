import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { decodeParam, openPage, routes } from '../../../routes';
import { listCampaigns } from '../../../services/campaigns';
import { getGridDetail } from '../../../services/grids';
import { CampaignCard } from '../shared/campaign-card';

/**
 * 排查走访: the campaigns that concern a node (`?gridId=`, from 网格详情), or every one the caller
 * can reach; a leader of the node starts one here.
 */
export default function CampaignListPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  const fetchPage = useCallback(
    (page: number) => listCampaigns(page, gridId || undefined),
    [gridId],
  );
  const list = usePagedList(fetchPage);
  usePullRefresh(list.reload);
  return (
    <View className="page campaign-list">
      <ListHead title="排查走访" list={list.state} unit="项" level="page" />
      {gridId ? <StartButton gridId={gridId} /> : null}
      <PagedStates
        list={list}
        failedTitle="排查加载失败"
        empty={{ title: '暂无排查', message: '网格长发起洗楼、排查后会显示在这里' }}
      >
        {(items) =>
          items.map((campaign) => (
            <CampaignCard
              key={campaign.id}
              campaign={campaign}
              onOpen={() => openPage(routes.campaign(campaign.id, gridId || undefined))}
            />
          ))
        }
      </PagedStates>
    </View>
  );
}

/** 发起排查 for the node's leaders (and the command centre), who may start one there. */
function StartButton({ gridId }: { gridId: string }) {
  const load = useCallback(() => getGridDetail(gridId), [gridId]);
  const { state } = useResource(load);
  if (state.status !== 'ready' || !state.data.can.manage) return null;
  return (
    <View>
      <Button
        className="btn btn--primary btn--block"
        hoverClass="btn--pressed"
        onClick={() => openPage(routes.campaignStart(gridId))}
      >
        发起排查
      </Button>
      <Text className="page__hint">在「{state.data.node.name}」下发起洗楼或入户排查</Text>
    </View>
  );
}
