import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { LoadFailed, MissingGrid, StatusBlock } from '../../components/status-block';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { useResource } from '../../hooks/use-resource';
import { decodeParam, openPage, routes } from '../../routes';
import { getDashboardNode, type DashboardNode } from '../../services/dashboard';
import { formatChinaDateTime } from '../../services/format';
import { AlertsSection } from '../components/alerts-section';
import { BreadcrumbBar } from '../components/breadcrumb-bar';
import { ChildrenTable } from '../components/children-table';
import { DaySwitcher } from '../components/day-switcher';
import { ExportPanel } from '../components/export-panel';
import { figureLinks } from '../components/figure-links';
import { FigureTiles } from '../components/figure-tiles';
import { LateBanner } from '../components/late-banner';
import { LeaderActions } from '../components/leader-actions';
import { TrendSection } from '../components/trend-section';
import './index.css';

export default function DashboardPage() {
  const params = useRouter().params;
  const gridId = decodeParam(params.gridId);
  const day = decodeParam(params.day);
  if (!gridId) return <MissingGrid from="首页或网格详情" />;
  return <Dashboard gridId={gridId} initialDay={day || undefined} />;
}

/** A node's daily report: figures, late children, trend, children table, alerts and export. */
function Dashboard({ gridId, initialDay }: { gridId: string; initialDay?: string }) {
  // A message opens a given day; after 立即生成 the page moves on to the newest report.
  const [day, setDay] = useState(initialDay);
  const load = useCallback(() => getDashboardNode(gridId, day), [gridId, day]);
  const { state, reload } = useResource(load);
  // Bumped after a refresh, so the sections below reload with the figures.
  const [refreshKey, setRefreshKey] = useState(0);
  const name = state.status === 'ready' ? state.data.name : null;

  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: `${name} 日报` });
  }, [name]);

  const reloadAll = () => {
    setRefreshKey((key) => key + 1);
    return reload();
  };
  usePullRefresh(reloadAll);

  const onRefreshed = () => {
    if (day === undefined) void reloadAll();
    else {
      setRefreshKey((key) => key + 1);
      setDay(undefined);
    }
  };

  return (
    <View className="page dashboard">
      {state.status === 'loading' ? <StatusBlock kind="loading" title="加载中…" /> : null}
      {state.status === 'failed' ? (
        <LoadFailed title="日报加载失败" message={state.message} onRetry={reload} />
      ) : null}
      {state.status === 'ready' ? (
        <Report
          node={state.data}
          refreshKey={refreshKey}
          onRefreshed={onRefreshed}
          onPickDay={setDay}
        />
      ) : null}
    </View>
  );
}

/** Why there is nothing to show: no report yet, none that day, or the node is newer than it. */
function emptyTitle(node: DashboardNode): string {
  if (!node.day) return '今日日报尚未生成';
  if (!node.computedAt) return `${node.day} 没有日报`;
  return `${node.day} 的日报中还没有该网格`;
}

function Report({
  node,
  refreshKey,
  onRefreshed,
  onPickDay,
}: {
  node: DashboardNode;
  refreshKey: number;
  onRefreshed: () => void;
  onPickDay: (day: string) => void;
}) {
  const { report, day } = node;
  const drillDown = (childId: string) => openPage(routes.dashboard(childId, day ?? undefined));
  // Up the tree replaces this page, so climbing back and forth never fills WeChat's page stack.
  const goUp = (ancestorId: string) => {
    Taro.redirectTo({ url: routes.dashboard(ancestorId, day ?? undefined) }).catch(() => {
      openPage(routes.dashboard(ancestorId, day ?? undefined));
    });
  };
  const isToday = day === node.today;

  return (
    <View>
      <View className="card dashboard-head">
        <BreadcrumbBar crumbs={node.breadcrumbs} onOpen={goUp} />
        <View className="dashboard-head__title">
          <Text className="dashboard-head__name">{node.name}</Text>
          {report?.levelName ? <Text className="tag">{report.levelName}</Text> : null}
        </View>
        <DaySwitcher day={day} today={node.today} onPick={onPickDay} />
        {node.computedAt ? (
          <Text className="small-note">统计时间：{formatChinaDateTime(node.computedAt)}</Text>
        ) : null}
      </View>

      {node.canRefresh ? <LeaderActions gridId={node.gridId} onRefreshed={onRefreshed} /> : null}

      {report === null ? (
        <StatusBlock
          kind="empty"
          title={emptyTitle(node)}
          message={
            node.canRefresh
              ? '点「立即生成」按当前数据统计今日日报'
              : '日报每天 20:00 自动生成，请稍后再来查看'
          }
        />
      ) : (
        <View>
          <LateBanner lateChildren={report.lateChildren} onOpen={drillDown} />
          <FigureTiles figures={report.figures} links={figureLinks(node.gridId, node.canRefresh)} />
          {isToday ? null : (
            <Text className="small-note dashboard__past">
              以上为 {day} 的统计；点开的名单是当前的实时情况。
            </Text>
          )}
          <TrendSection gridId={node.gridId} refreshKey={refreshKey} />
          {node.canExport && day ? (
            <ExportPanel key={day} gridId={node.gridId} name={node.name} day={day} />
          ) : null}
          {report.childCount > 0 && day ? (
            <ChildrenTable
              gridId={node.gridId}
              day={day}
              refreshKey={refreshKey}
              onOpen={drillDown}
            />
          ) : null}
        </View>
      )}

      <AlertsSection gridId={node.gridId} refreshKey={refreshKey} />
    </View>
  );
}
