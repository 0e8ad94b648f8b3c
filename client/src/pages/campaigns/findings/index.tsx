import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { formatCelsius } from '@gridguard/types';
import { ChoiceChips } from '../../../components/choice-chips';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { ReasonForm } from '../../../components/reason-form';
import { CannotOpen } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { askToConfirm, toastDone } from '../../../interaction';
import { decodeParam, openPage, routes } from '../../../routes';
import {
  closeFinding,
  FINDING_KIND_LABELS,
  getCampaign,
  listFindings,
  type FindingRow,
} from '../../../services/campaigns';
import { formatChinaDateTime } from '../../../services/format';

type Show = 'open' | 'all';
const SHOW_OPTIONS: { value: Show; label: string }[] = [
  { value: 'open', label: '待处理' },
  { value: 'all', label: '全部' },
];

/**
 * 问题跟进 (`?id=&gridId=`): what visits found under a node; a leader closes each with what was
 * done. The message about a fever found at the door opens this page.
 */
export default function FindingsPage() {
  const params = useRouter().params;
  const campaignId = decodeParam(params.id);
  const gridId = decodeParam(params.gridId);
  if (!campaignId || !gridId) {
    return <CannotOpen missing="排查或网格编号" from="排查详情" />;
  }
  return <Findings campaignId={campaignId} gridId={gridId} />;
}

function Findings({ campaignId, gridId }: { campaignId: string; gridId: string }) {
  const [show, setShow] = useState<Show>('open');
  const [closing, setClosing] = useState<FindingRow | null>(null);
  const loadCampaign = useCallback(() => getCampaign(campaignId), [campaignId]);
  const campaign = useResource(loadCampaign);
  const fetchPage = useCallback(
    (page: number) => listFindings(campaignId, gridId, show === 'open', page),
    [campaignId, gridId, show],
  );
  const list = usePagedList(fetchPage);
  usePullRefresh(list.reload);
  // Leaders inside the campaign close findings; the server checks each against its node.
  const mayClose = campaign.state.status === 'ready' && campaign.state.data.may.assign;

  if (closing) {
    return (
      <View className="page">
        <Text className="page__title">处理：{closing.label}</Text>
        <Text className="page__hint">{closing.note}</Text>
        <ReasonForm
          label="处理情况"
          placeholder="如：已联系社区医生上门复测"
          submitText="处理完毕"
          backText="返回"
          confirm={() => askToConfirm('处理完毕', '确认该问题已处理？', '确认')}
          submit={(note) => closeFinding(campaignId, closing.round, closing.targetId, note)}
          onDone={() => {
            toastDone('已处理');
            setClosing(null);
            void list.reload();
          }}
          onBack={() => setClosing(null)}
        />
      </View>
    );
  }

  return (
    <View className="page campaign-findings">
      <ListHead title="问题跟进" list={list.state} unit="条" level="page" />
      <ChoiceChips options={SHOW_OPTIONS} value={show} onChange={setShow} />
      <PagedStates
        list={list}
        failedTitle="问题加载失败"
        empty={{ title: show === 'open' ? '没有待处理的问题' : '走访尚未发现问题' }}
      >
        {(items) =>
          items.map((row) => (
            <View key={row.id} className="card">
              <Text className="target-row__label">{row.label}</Text>
              <Text className="small-note">
                第 {row.round} 轮 · {FINDING_KIND_LABELS[row.finding.kind]}
                {row.finding.personName ? ` · ${row.finding.personName}` : ''}
                {row.finding.temperature !== null
                  ? ` · ${formatCelsius(row.finding.temperature)}`
                  : ''}
              </Text>
              <Text className="small-note">{row.note}</Text>
              <Text className="small-note">
                {row.by} · {formatChinaDateTime(row.at)}
              </Text>
              {row.followUp.status === 'closed' ? (
                <Text className="small-note">
                  已处理：{row.followUp.note}（{row.followUp.by ?? ''}）
                </Text>
              ) : (
                <View className="btn-row">
                  <Button
                    className="btn btn--secondary"
                    hoverClass="btn--pressed"
                    onClick={() => openPage(routes.campaignVisit(campaignId, row.targetId))}
                  >
                    查看走访
                  </Button>
                  {mayClose ? (
                    <Button
                      className="btn btn--primary"
                      hoverClass="btn--pressed"
                      onClick={() => setClosing(row)}
                    >
                      处理
                    </Button>
                  ) : null}
                </View>
              )}
            </View>
          ))
        }
      </PagedStates>
    </View>
  );
}
