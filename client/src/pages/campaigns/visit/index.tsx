import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { CannotOpen, ResourcePage, StatusBlock } from '../../../components/status-block';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { confirmDestructive, toastDone } from '../../../interaction';
import { decodeParam, openPage, routes } from '../../../routes';
import {
  getCampaign,
  getTarget,
  isSettled,
  OUTCOME_LABELS,
  PLEDGE_STATE_LABELS,
  type CampaignView,
  type TargetDetail,
} from '../../../services/campaigns';
import { formatChinaDateTime } from '../../../services/format';
import {
  rememberCampaign,
  rememberedCampaign,
  rememberedTarget,
  rememberTarget,
} from '../../../services/field-cache';
import {
  discardQueued,
  queuedVisitOf,
  sendOrQueue,
  unanswered,
} from '../../../services/visit-queue';
import { SyncBanner } from '../shared/sync-banner';
import { useVisitSync } from '../shared/use-visit-sync';
import { VisitForm } from './visit-form';
import { VisitStateCard } from './visit-state';

interface Loaded {
  campaign: CampaignView;
  target: TargetDetail;
  /** No network: what the phone last read, shown as such. */
  offline: boolean;
}

/**
 * The campaign and the door, read together; with no answer (a dead spot), what the phone last
 * read of them, so the visit can still be made and wait to be sent.
 */
async function loadVisit(campaignId: string, targetId: string): Promise<FunctionResult<Loaded>> {
  const [campaign, target] = await Promise.all([
    getCampaign(campaignId),
    getTarget(campaignId, targetId),
  ]);
  if (campaign.ok && target.ok) {
    rememberCampaign(campaign.data);
    rememberTarget(target.data);
    return { ok: true, data: { campaign: campaign.data, target: target.data, offline: false } };
  }
  const failure = campaign.ok ? (target.ok ? null : target) : campaign;
  if (!failure) throw new Error('a failed read without its failure');
  const lastCampaign = rememberedCampaign(campaignId);
  const lastTarget = rememberedTarget(campaignId, targetId);
  if (unanswered(failure) && lastCampaign && lastTarget) {
    return { ok: true, data: { campaign: lastCampaign, target: lastTarget, offline: true } };
  }
  return failure;
}

/** One door (`?id=&targetId=`): who lives there, this round's visit so far, and the visit form. */
export default function VisitPage() {
  const params = useRouter().params;
  const campaignId = decodeParam(params.id);
  const targetId = decodeParam(params.targetId);
  const load = useCallback(() => loadVisit(campaignId, targetId), [campaignId, targetId]);
  const { state, reload } = useResource(load);
  const sync = useVisitSync(campaignId, reload);
  usePullRefresh(reload);
  if (!campaignId || !targetId) {
    return <CannotOpen missing="排查或走访对象" from="走访列表" />;
  }
  return (
    <ResourcePage state={state} onRetry={reload}>
      {({ campaign, target, offline }) => {
        const waiting = queuedVisitOf(campaign.id, campaign.round, target.id);
        return (
          <View className="page campaign-visit">
            <Text className="page__title">{target.label}</Text>
            <Text className="page__hint">
              {target.gridName ? `${target.gridName} · ` : ''}第 {target.round} 轮
              {target.assignee ? ` · 分配给${target.assignee.name}` : ' · 未分配'}
            </Text>
            {target.people.length > 0 ? (
              <Text className="page__hint">
                {target.kind === 'household' ? '住户成员' : '房东和租客'}：
                {target.people.map((p) => `${p.name}（${p.relation}）`).join('、')}
              </Text>
            ) : null}
            {target.kind === 'enterprise' && target.signer ? (
              <Text className="page__hint">负责人：{target.signer.name}</Text>
            ) : null}
            {campaign.letter !== null && target.pledge ? (
              <View className="card">
                <Text className="section__title">{PLEDGE_STATE_LABELS[target.pledge]}</Text>
                <Button
                  className={
                    target.pledge === 'signed' || offline
                      ? 'btn btn--secondary btn--block'
                      : 'btn btn--primary btn--block'
                  }
                  hoverClass="btn--pressed"
                  disabled={offline}
                  onClick={() =>
                    openPage(
                      target.pledge === 'signed'
                        ? routes.campaignPledge(campaign.id, target.id)
                        : routes.campaignSign(campaign.id, target.id),
                    )
                  }
                >
                  {offline
                    ? '签署责任书需要网络'
                    : target.pledge === 'signed'
                      ? '查看责任书'
                      : `请${target.signer?.role ?? '负责人'}签署责任书`}
                </Button>
              </View>
            ) : null}
            {offline ? (
              <Text className="notice notice--error">
                网络不通：显示的是上次同步的信息，走访记录将先保存在手机上
              </Text>
            ) : null}
            {target.visit ? <VisitStateCard visit={target.visit} target={target} /> : null}
            {waiting ? (
              <View className="card">
                <Text className="section__title">
                  待同步：{OUTCOME_LABELS[waiting.input.outcome]}
                </Text>
                <Text className="small-note">
                  {formatChinaDateTime(waiting.queuedAt)} 离线保存在本机，网络恢复后自动发送
                </Text>
                <Button
                  className="btn btn--secondary btn--block"
                  hoverClass="btn--pressed"
                  onClick={async () => {
                    const sure = await confirmDestructive(
                      '删除这条尚未发送的走访记录？删除后需要重新走访记录。',
                      '删除',
                    );
                    if (!sure) return;
                    discardQueued(waiting.input.clientId);
                    sync.refresh();
                  }}
                >
                  删除这条记录
                </Button>
              </View>
            ) : null}
            <SyncBanner
              waiting={sync.waiting}
              syncing={sync.syncing}
              report={sync.report}
              onSync={() => void sync.sync()}
            />
            {campaign.status === 'closed' ? (
              <StatusBlock kind="empty" title="该排查已结束" />
            ) : waiting || (target.visit && isSettled(target.visit.outcome)) ? null : campaign.may
                .visit ? (
              <VisitForm
                campaign={campaign}
                target={target}
                send={(input) => sendOrQueue(input, target.label)}
                onSaved={(how) => {
                  if (how === 'queued') {
                    toastDone('网络异常，已离线保存');
                    sync.refresh();
                    return;
                  }
                  toastDone('已保存');
                  void reload();
                }}
              />
            ) : (
              <Text className="page__hint">您可以查看走访情况，记录走访需由本网格的网格员进行</Text>
            )}
          </View>
        );
      }}
    </ResourcePage>
  );
}
