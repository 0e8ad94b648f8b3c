import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect } from 'react';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { MissingGrid, ResourcePage } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { decodeParam, openPage, routes } from '../../../routes';
import { listSites, SITE_KIND_LABELS } from '../../../services/checkpoints-rota';
import { getGridDetail, type GridDetail } from '../../../services/grids';

/**
 * 卡口值守 of one node (`?gridId=`): the sites on it, below it and above it that the caller may
 * staff or run, a page at a time; 新建卡口 for leaders.
 */
export default function SitesPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return <SitesLoader gridId={gridId} />;
}

function SitesLoader({ gridId }: { gridId: string }) {
  const load = useCallback(() => getGridDetail(gridId), [gridId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(detail) => <Sites detail={detail} reloadDetail={reload} />}
    </ResourcePage>
  );
}

function Sites({ detail, reloadDetail }: { detail: GridDetail; reloadDetail: () => unknown }) {
  const { node, can } = detail;
  const fetchPage = useCallback((page: number) => listSites(node.id, page), [node.id]);
  const list = usePagedList(fetchPage, { topics: ['checkpoints'] });
  usePullRefresh(() => Promise.all([reloadDetail(), list.reload()]));

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${node.name} · 卡口` });
  }, [node.name]);

  return (
    <View className="page">
      <ListHead title={node.name} list={list.state} unit="个卡口" level="page" />
      <Text className="page__hint">
        报名值班、查看排班表；网格长在排班表里看缺人的班次、补位，并看每人本周值守时长。
      </Text>
      {can.manage ? (
        <Button
          className="btn btn--primary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.checkpointSiteForm({ gridId: node.id }))}
        >
          新建卡口
        </Button>
      ) : null}
      <PagedStates
        list={list}
        failedTitle="卡口加载失败"
        empty={{
          title: '暂无卡口',
          message: can.manage
            ? '点「新建卡口」设置第一个卡口和班次'
            : '网格长设置卡口后可在这里报名',
        }}
      >
        {(items) =>
          items.map((site) => (
            <View
              key={site.id}
              className="card"
              onClick={() => openPage(routes.checkpointRota(site.id))}
            >
              <Text className="section__title">
                {site.name}
                {site.status === 'closed' ? '（已关闭）' : ''}
              </Text>
              <Text className="muted">
                {SITE_KIND_LABELS[site.kind]} · {site.place} · {site.gridName}
              </Text>
              <Text className="muted">
                {site.plan.map((p) => `${p.start}–${p.end} ${p.need}人`).join('，')}
              </Text>
            </View>
          ))
        }
      </PagedStates>
    </View>
  );
}
