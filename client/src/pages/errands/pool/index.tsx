import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ErrandCard } from '../../../components/errand-card';
import { PagedStates } from '../../../components/paged-states';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource, type ResourceState } from '../../../hooks/use-resource';
import { toastDone } from '../../../interaction';
import { openPage, routes } from '../../../routes';
import {
  ERRAND_DEFAULTS,
  claimErrand,
  errandSettings,
  listPool,
  type ErrandSettings,
  type ErrandView,
} from '../../../services/errands';
import './index.css';
import { ListHead } from '../../../components/list-head';

type Outcome = { kind: 'won'; errand: ErrandView } | { kind: 'lost' | 'failed'; message: string };

/** 代购池: open errands in the volunteer's nodes, the most urgent first, to 抢单. */
export default function ErrandPoolPage() {
  const list = usePagedList(listPool);
  const { state, reload } = list;
  const { state: settings, reload: reloadSettings } = useResource(errandSettings);
  usePullRefresh(() => Promise.all([reload(), reloadSettings()]));
  const [claiming, setClaiming] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const claim = async (errand: ErrandView) => {
    if (claiming) return;
    setClaiming(errand.id);
    setOutcome(null);
    const result = await claimErrand(errand.id);
    setClaiming(null);
    if (result.ok) {
      toastDone('抢单成功');
      setOutcome({ kind: 'won', errand: result.data });
    } else if (result.code === 'CONFLICT' || result.code === 'NOT_FOUND') {
      // Someone else was quicker (or the resident cancelled): the row is stale for everyone.
      setOutcome({ kind: 'lost', message: `${result.message}，列表已刷新` });
    } else {
      setOutcome({ kind: 'failed', message: result.message });
      return;
    }
    void reload();
  };

  return (
    <View className="page errand-pool">
      <ListHead title="代购池" list={state} unit="单" prefix="待认领" level="page" />
      <Text className="small-note">急需的排在前面。{limitsNote(settings)}</Text>
      {outcome?.kind === 'won' ? (
        <View className="notice notice--success errand-pool__won">
          <Text>已认领 {outcome.errand.requesterName} 的代购，请尽快购买。</Text>
          <Button
            className="btn btn--primary btn--small"
            hoverClass="btn--pressed"
            onClick={() => openPage(routes.errandClaims())}
          >
            去办理
          </Button>
        </View>
      ) : null}
      {outcome && outcome.kind !== 'won' ? (
        <Text className="notice notice--error">{outcome.message}</Text>
      ) : null}
      <PagedStates
        list={list}
        empty={{ title: '暂无待认领的代购', message: '下拉可刷新，有新需求时再来看看' }}
        className="section"
      >
        {(items) => (
          <>
            {items.map((errand) => (
              <ErrandCard key={errand.id} errand={errand} showSteps={false}>
                <Button
                  className="btn btn--primary btn--block"
                  hoverClass="btn--pressed"
                  disabled={claiming !== null ? true : undefined}
                  onClick={() => void claim(errand)}
                >
                  {claiming === errand.id ? '抢单中…' : '抢单'}
                </Button>
              </ErrandCard>
            ))}
          </>
        )}
      </PagedStates>
      <Text className="errand-pool__link" onClick={() => openPage(routes.errandClaims())}>
        我认领的代购 ›
      </Text>
    </View>
  );
}

/** The limits the command centre set; the defaults only while they load. */
function limitsNote(settings: ResourceState<ErrandSettings>): string {
  if (settings.status === 'failed')
    return '每人同时办理的单数有上限，认领后长时间未购买将退回代购池。';
  const { maxActiveClaims, claimTimeoutMinutes } =
    settings.status === 'ready' ? settings.data : ERRAND_DEFAULTS;
  return `每人最多同时办理 ${maxActiveClaims} 单，认领后 ${claimTimeoutMinutes} 分钟内未购买将退回代购池。`;
}
