import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { MemberRow } from '../../components/member-row';
import { LoadFailed, MissingGrid, StatusBlock } from '../../components/status-block';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { useResource } from '../../hooks/use-resource';
import { decodeParam, openPage, routes } from '../../routes';
import { getGridDetail, type GridDetail } from '../../services/grids';
import { ChildrenSection } from './children-section';
import { HouseholdsSection } from './households-section';
import { ManagePanel } from './manage-panel';
import { NodeHeader } from './node-header';
import { ObservationEntries } from './observation-entries';
import './index.css';

export default function GridDetailPage() {
  const gridId = decodeParam(useRouter().params.id);
  if (!gridId) return <MissingGrid from="「我的网格」" />;
  return <GridDetailView gridId={gridId} />;
}

function GridDetailView({ gridId }: { gridId: string }) {
  const load = useCallback(() => getGridDetail(gridId), [gridId]);
  const { state, reload } = useResource(load);
  // Bumped after a change made on this page, so the lists below reload with the header.
  const [refreshKey, setRefreshKey] = useState(0);
  const nodeName = state.status === 'ready' ? state.data.node.name : null;

  useEffect(() => {
    if (nodeName) void Taro.setNavigationBarTitle({ title: nodeName });
  }, [nodeName]);

  const onChanged = () => {
    setRefreshKey((key) => key + 1);
    return reload();
  };
  usePullRefresh(onChanged);

  return (
    <View className="page grid-detail">
      {state.status === 'loading' ? <StatusBlock kind="loading" title="加载中…" /> : null}
      {state.status === 'failed' ? <LoadFailed message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <Detail detail={state.data} refreshKey={refreshKey} onChanged={() => void onChanged()} />
      ) : null}
    </View>
  );
}

function Detail({
  detail,
  refreshKey,
  onChanged,
}: {
  detail: GridDetail;
  refreshKey: number;
  onChanged: () => void;
}) {
  const { node, can, members } = detail;
  return (
    <View>
      <NodeHeader node={node} />
      {can.manage || can.invite ? <ManagePanel detail={detail} onChanged={onChanged} /> : null}

      <ChildrenSection gridId={node.id} refreshKey={refreshKey} />

      <View className="section">
        <View className="section__head">
          <Text className="section__title">网格团队</Text>
          <Text className="section__meta">共 {members.length} 人</Text>
        </View>
        {members.length === 0 ? (
          <StatusBlock kind="empty" title="暂无成员" />
        ) : (
          members.map((member) => <MemberRow key={member.openid} member={member} />)
        )}
      </View>

      {can.readHouseholds ? <ObservationEntries gridId={node.id} canReview={can.manage} /> : null}

      <View className="section">
        {can.readHouseholds ? (
          <>
            <Entry url={routes.registerHouseholds(node.id)}>
              {can.manage ? '住户登记' : '住户与成员'}
            </Entry>
            <Entry url={routes.rentals(node.id)}>
              出租屋{node.counts.rentals ? ` ${node.counts.rentals} 处` : ''}
            </Entry>
            <Entry url={routes.enterprises(node.id)}>
              企业{node.counts.enterprises ? ` ${node.counts.enterprises} 家` : ''}
            </Entry>
            <Entry url={routes.search(node.id, node.name)}>搜索</Entry>
            <Entry url={routes.campaigns(node.id)}>排查走访</Entry>
            <Entry url={routes.checkpointSites(node.id)}>卡口值守</Entry>
            <Entry url={routes.noticesManage(node.id)}>
              {/* notice.publish is grid.manage's rule (leaders over the node); other staff see reach. */}
              {can.manage ? '通知公告管理' : '通知告知情况'}
            </Entry>
          </>
        ) : null}
        <Entry url={routes.dashboard(node.id)}>日报</Entry>
        <Entry url={routes.nodeErrands(node.id, can.manage)}>跑腿代购</Entry>
      </View>

      {can.readHouseholds ? (
        <HouseholdsSection
          gridId={node.id}
          hasChildren={node.childCount > 0}
          refreshKey={refreshKey}
          canAdmit={can.manage}
        />
      ) : null}
    </View>
  );
}

/** A full-width entry to another page of the node. */
function Entry({ url, children }: { url: string; children: ReactNode }) {
  return (
    <Button
      className="btn btn--secondary btn--block"
      hoverClass="btn--pressed"
      onClick={() => openPage(url)}
    >
      {children}
    </Button>
  );
}
