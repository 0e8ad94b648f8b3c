import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { CannotOpen, ResourcePage } from '../../../components/status-block';
import { keyedPage, usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { askToConfirm, confirmDestructive, toastDone } from '../../../interaction';
import { decodeParam, openPage, routes } from '../../../routes';
import {
  advanceRound,
  closeCampaign,
  getCampaign,
  getCoverage,
  listMemberProgress,
  TARGET_KIND_LABELS,
  type CampaignView,
  type CoverageRow as Row,
} from '../../../services/campaigns';
import { CoverageFigures } from '../shared/coverage-figures';
import { CoverageRow } from '../shared/coverage-row';
import { CampaignExport } from './campaign-export';

/**
 * A campaign (`?id=`) seen from a node (`&gridId=`, its own node when absent): the round, what
 * the caller can do, and the node's coverage with its children lowest first to drill into.
 */
export default function CampaignDetailPage() {
  const params = useRouter().params;
  const campaignId = decodeParam(params.id);
  const gridId = decodeParam(params.gridId);
  const load = useCallback(() => getCampaign(campaignId), [campaignId]);
  const { state, reload } = useResource(load);
  if (!campaignId) {
    return <CannotOpen missing="排查编号" from="排查列表" />;
  }
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(campaign) => (
        <CampaignDetail campaign={campaign} gridId={gridId || campaign.gridId} reload={reload} />
      )}
    </ResourcePage>
  );
}

function CampaignDetail(props: {
  campaign: CampaignView;
  gridId: string;
  reload: () => Promise<void>;
}) {
  const { campaign, gridId, reload } = props;
  const [round, setRound] = useState(campaign.round);
  const [node, setNode] = useState<Row | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setRound(campaign.round), [campaign.round]);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: campaign.name });
  }, [campaign.name]);

  const fetchChildren = useCallback(
    async (page: number) => {
      const result = await getCoverage(campaign.id, gridId, page, round);
      if (!result.ok) return result;
      setNode(result.data.node);
      return { ok: true as const, data: result.data.children };
    },
    [campaign.id, gridId, round],
  );
  const children = usePagedList(fetchChildren);
  const fetchMembers = useCallback(
    (page: number) => keyedPage(listMemberProgress(campaign.id, gridId, page), (m) => m.id),
    [campaign.id, gridId],
  );
  const members = usePagedList(fetchMembers);
  usePullRefresh(() => Promise.all([reload(), children.reload(), members.reload()]));

  const run = async (write: () => Promise<{ ok: boolean; message?: string }>, done: string) => {
    setBusy(true);
    setMessage(null);
    const result = await write();
    setBusy(false);
    if (!result.ok) {
      setMessage(result.message ?? '操作失败，请重试');
      return;
    }
    toastDone(done);
    await reload();
  };
  const onAdvance = async () => {
    const sure = await askToConfirm(
      '进入下一轮',
      `第 ${campaign.round} 轮将结束，所有对象在第 ${campaign.round + 1} 轮需要重新走访。`,
      '进入下一轮',
    );
    if (sure) await run(() => advanceRound(campaign.id, campaign.round), '已进入下一轮');
  };
  const onClose = async () => {
    const sure = await confirmDestructive(
      `结束「${campaign.name}」后将不能再记录走访。`,
      '结束排查',
    );
    if (sure) await run(() => closeCampaign(campaign.id), '已结束');
  };

  const active = campaign.status === 'active';
  const leaf = node?.leaf ?? false;
  const roundOptions = Array.from({ length: campaign.round }, (_, i) => ({
    value: String(i + 1),
    label: `第 ${i + 1} 轮`,
  }));
  return (
    <View className="page campaign-detail">
      <Text className="page__title">{campaign.name}</Text>
      <Text className="page__hint">
        {campaign.gridName} · {TARGET_KIND_LABELS[campaign.kind]} · {campaign.startDay} 至{' '}
        {campaign.endDay}
      </Text>
      <Text className="page__hint">
        {active ? `第 ${campaign.round} / ${campaign.rounds} 轮进行中` : '已结束'} · 无人在家{' '}
        {campaign.maxAttempts} 次提醒网格长
      </Text>

      <View className="section">
        {campaign.may.visit && active ? (
          <Button
            className="btn btn--primary btn--block"
            hoverClass="btn--pressed"
            onClick={() => openPage(routes.campaignMine(campaign.id))}
          >
            我的走访
          </Button>
        ) : null}
        <Button
          className="btn btn--secondary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.campaignRevisits(campaign.id, gridId))}
        >
          回访队列
        </Button>
        <Button
          className="btn btn--secondary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.campaignFindings(campaign.id, gridId))}
        >
          问题跟进
        </Button>
        {leaf ? (
          <Button
            className="btn btn--secondary btn--block"
            hoverClass="btn--pressed"
            onClick={() => openPage(routes.campaignDoors(campaign.id, gridId))}
          >
            门户清单
          </Button>
        ) : null}
        {campaign.may.assign && active ? (
          <Button
            className="btn btn--secondary btn--block"
            hoverClass="btn--pressed"
            onClick={() => openPage(routes.campaignAssign(campaign.id, gridId))}
          >
            分配走访对象
          </Button>
        ) : null}
      </View>

      <View className="section">
        <View className="section__head">
          <Text className="section__title">{node?.name ?? '覆盖情况'}</Text>
          <Text className="section__meta">第 {round} 轮</Text>
        </View>
        {campaign.round > 1 ? (
          <ChoiceChips
            options={roundOptions}
            value={String(round)}
            onChange={(value) => setRound(Number(value))}
          />
        ) : null}
        {node ? <CoverageFigures figures={node.figures} letter={campaign.letter !== null} /> : null}
      </View>

      {!leaf ? (
        <View className="section">
          <ListHead title="下级网格（入户率由低到高）" list={children.state} unit="个" />
          <PagedStates
            list={children}
            failedTitle="覆盖情况加载失败"
            empty={{ title: '没有下级网格' }}
          >
            {(items) =>
              items.map((row) => (
                <CoverageRow
                  key={row.id}
                  row={row}
                  onOpen={() => openPage(routes.campaign(campaign.id, row.id))}
                />
              ))
            }
          </PagedStates>
        </View>
      ) : null}

      <View className="section">
        <ListHead title="走访人员（剩余多的在前）" list={members.state} unit="人" />
        <PagedStates
          list={members}
          failedTitle="走访人员加载失败"
          empty={{ title: '还没有分配走访对象' }}
        >
          {(items) =>
            items.map((m) => (
              <View key={m.id} className="card">
                <Text className="coverage-row__name">{m.name}</Text>
                <Text className="small-note">
                  分配 {m.assigned} · 已入户 {m.visited} · 拒绝 {m.refused} · 无人在家 {m.noHome}
                  {m.flagged > 0 ? ` · 待处理 ${m.flagged}` : ''}
                </Text>
              </View>
            ))
          }
        </PagedStates>
      </View>

      {campaign.may.assign ? (
        <CampaignExport
          campaignId={campaign.id}
          gridId={gridId}
          nodeName={node?.name ?? campaign.gridName}
        />
      ) : null}

      {campaign.may.run && active ? (
        <View className="section">
          {message ? <Text className="notice notice--error">{message}</Text> : null}
          {campaign.round < campaign.rounds ? (
            <Button
              className="btn btn--secondary btn--block"
              hoverClass="btn--pressed"
              disabled={busy ? true : undefined}
              onClick={() => void onAdvance()}
            >
              进入第 {campaign.round + 1} 轮
            </Button>
          ) : null}
          <Button
            className="btn btn--danger btn--block"
            hoverClass="btn--pressed"
            disabled={busy ? true : undefined}
            onClick={() => void onClose()}
          >
            结束排查
          </Button>
        </View>
      ) : null}
    </View>
  );
}
