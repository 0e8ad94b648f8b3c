import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { ResourcePage, StatusBlock } from '../../../components/status-block';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { toastDone } from '../../../interaction';
import { decodeParam } from '../../../routes';
import {
  getCampaign,
  getTarget,
  isSettled,
  recordVisit,
  type CampaignView,
  type TargetDetail,
} from '../../../services/campaigns';
import { VisitForm } from './visit-form';
import { VisitStateCard } from './visit-state';

/** The campaign and the door, read together. */
async function loadVisit(
  campaignId: string,
  targetId: string,
): Promise<FunctionResult<{ campaign: CampaignView; target: TargetDetail }>> {
  const [campaign, target] = await Promise.all([
    getCampaign(campaignId),
    getTarget(campaignId, targetId),
  ]);
  if (!campaign.ok) return campaign;
  if (!target.ok) return target;
  return { ok: true, data: { campaign: campaign.data, target: target.data } };
}

/** One door (`?id=&targetId=`): who lives there, this round's visit so far, and the visit form. */
export default function VisitPage() {
  const params = useRouter().params;
  const campaignId = decodeParam(params.id);
  const targetId = decodeParam(params.targetId);
  const load = useCallback(() => loadVisit(campaignId, targetId), [campaignId, targetId]);
  const { state, reload } = useResource(load);
  usePullRefresh(reload);
  if (!campaignId || !targetId) {
    return (
      <View className="page">
        <StatusBlock kind="error" title="无法打开" message="缺少排查或走访对象，请从走访列表进入" />
      </View>
    );
  }
  return (
    <ResourcePage state={state} onRetry={reload}>
      {({ campaign, target }) => (
        <View className="page campaign-visit">
          <Text className="page__title">{target.label}</Text>
          <Text className="page__hint">
            {target.gridName} · 第 {target.round} 轮
            {target.assignee ? ` · 分配给${target.assignee.name}` : ' · 未分配'}
          </Text>
          {target.people.length > 0 ? (
            <Text className="page__hint">
              住户成员：{target.people.map((p) => `${p.name}（${p.relation}）`).join('、')}
            </Text>
          ) : null}
          {target.visit ? <VisitStateCard visit={target.visit} target={target} /> : null}
          {campaign.status === 'closed' ? (
            <StatusBlock kind="empty" title="该排查已结束" />
          ) : target.visit && isSettled(target.visit.outcome) ? null : campaign.may.visit ? (
            <VisitForm
              campaign={campaign}
              target={target}
              send={recordVisit}
              onSaved={() => {
                toastDone('已保存');
                void reload();
              }}
            />
          ) : (
            <Text className="page__hint">您可以查看走访情况，记录走访需由本网格的网格员进行</Text>
          )}
        </View>
      )}
    </ResourcePage>
  );
}
