import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { PagedStates } from '../../../components/paged-states';
import { CannotOpen } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { decodeParam, openPage, routes } from '../../../routes';
import { getCampaign, myTargets } from '../../../services/campaigns';
import { rememberCampaign, rememberRows } from '../../../services/field-cache';
import { SyncBanner } from '../shared/sync-banner';
import { TargetRow } from '../shared/target-row';
import { useVisitSync } from '../shared/use-visit-sync';

/** 我的走访 (`?id=`): the caller's doors this round, by building and door; a tap opens the visit. */
export default function MyTargetsPage() {
  const campaignId = decodeParam(useRouter().params.id);
  if (!campaignId) {
    return <CannotOpen missing="排查编号" from="排查详情" />;
  }
  return <MyTargets campaignId={campaignId} />;
}

function MyTargets({ campaignId }: { campaignId: string }) {
  const [progress, setProgress] = useState<{ round: number; done: number } | null>(null);
  const fetchPage = useCallback(
    async (page: number) => {
      const result = await myTargets(campaignId, page);
      if (result.ok) {
        setProgress({ round: result.data.round, done: result.data.done });
        // Kept on the phone: a door in a dead spot still opens (see field-cache.ts).
        rememberRows(campaignId, result.data.round, result.data.items);
      }
      return result;
    },
    [campaignId],
  );
  const loadCampaign = useCallback(async () => {
    const result = await getCampaign(campaignId);
    if (result.ok) rememberCampaign(result.data);
    return result;
  }, [campaignId]);
  const campaign = useResource(loadCampaign);
  const list = usePagedList(fetchPage);
  const sync = useVisitSync(campaignId, list.reload);
  usePullRefresh(() => Promise.all([list.reload(), sync.waiting.length > 0 ? sync.sync() : null]));
  const waitingFor = new Set(sync.waiting.map((q) => q.input.targetId));
  const total = list.state.status === 'ready' ? list.state.total : null;
  return (
    <View className="page campaign-mine">
      <View className="section__head">
        <Text className="page__title">我的走访</Text>
        {progress && total !== null ? (
          <Text className="section__meta">
            第 {progress.round} 轮 · 已完成 {progress.done} / {total}
          </Text>
        ) : null}
      </View>
      {campaign.state.status === 'ready' ? (
        <Text className="page__hint">{campaign.state.data.name}</Text>
      ) : null}
      <SyncBanner
        waiting={sync.waiting}
        syncing={sync.syncing}
        report={sync.report}
        onSync={() => void sync.sync()}
      />
      <Button
        className="btn btn--secondary btn--block"
        hoverClass="btn--pressed"
        onClick={() => openPage(routes.campaignRevisits(campaignId))}
      >
        我的回访队列
      </Button>
      <PagedStates
        list={list}
        failedTitle="走访对象加载失败"
        empty={{ title: '还没有分配给您的走访对象', message: '请联系网格长分配' }}
      >
        {(items) =>
          items.map((row) => (
            <TargetRow
              key={row.id}
              row={row}
              queued={waitingFor.has(row.id)}
              onOpen={() => openPage(routes.campaignVisit(campaignId, row.id))}
            />
          ))
        }
      </PagedStates>
    </View>
  );
}
