import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ListHead } from '../../../components/list-head';
import { PagedStates } from '../../../components/paged-states';
import { ReasonForm } from '../../../components/reason-form';
import { MissingGrid, ResourcePage } from '../../../components/status-block';
import { usePagedList } from '../../../hooks/use-paged-list';
import { usePullRefresh } from '../../../hooks/use-pull-refresh';
import { useResource } from '../../../hooks/use-resource';
import { confirmDestructive, toastDone } from '../../../interaction';
import { decodeParam, openPage, routes } from '../../../routes';
import { formatChinaDateTime } from '../../../services/format';
import { getGridDetail, type GridDetail } from '../../../services/grids';
import {
  listManaged,
  NOTICE_AUDIENCE_LABELS,
  withdraw,
  type ManagedNoticeRow,
} from '../../../services/notices-manage';
import { ReachBar } from '../shared/reach-bar';
import { StatusChip } from '../shared/status-chip';
import '../shared/index.css';

/**
 * 通知公告 of one node (`?gridId=`): the notices published on it, under it and above it, newest
 * first, with drafts for those who publish here; 发布通知, each published notice's reach, 撤回.
 */
export default function ManagePage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return <ManageLoader gridId={gridId} />;
}

function ManageLoader({ gridId }: { gridId: string }) {
  const load = useCallback(() => getGridDetail(gridId), [gridId]);
  const { state, reload } = useResource(load);
  return (
    <ResourcePage state={state} onRetry={reload}>
      {(detail) => <Manage detail={detail} reloadDetail={reload} />}
    </ResourcePage>
  );
}

function Manage({ detail, reloadDetail }: { detail: GridDetail; reloadDetail: () => unknown }) {
  const { node, can } = detail;
  const fetchPage = useCallback((page: number) => listManaged(node.id, page), [node.id]);
  const list = usePagedList(fetchPage, { topics: ['notices'] });
  usePullRefresh(() => Promise.all([reloadDetail(), list.reload()]));

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${node.name} · 通知公告` });
  }, [node.name]);

  // Reach is counted on the node asked about: a notice from above is counted here, one published
  // under this node on its own node.
  const above = new Set(node.path.map((p) => p.id));
  const reachNodeOf = (row: ManagedNoticeRow) =>
    above.has(row.gridId) || row.gridId === node.id ? node.id : row.gridId;

  return (
    <View className="page">
      <ListHead title={node.name} list={list.state} unit="条通知" level="page" />
      <Text className="page__hint">
        {/* notice.publish is grid.manage's rule: leaders over the node, the command centre. */}
        {can.manage
          ? '发布通知到本网格及下级的住户和工作人员；点已发布的通知查看告知情况，逐户电话或上门告知。'
          : '查看通知的告知情况：未告知的住户可一键拨打，或登记上门、电话告知。'}
      </Text>
      {can.manage ? (
        <Button
          className="btn btn--primary btn--block"
          hoverClass="btn--pressed"
          onClick={() => openPage(routes.noticeEdit({ gridId: node.id }))}
        >
          发布通知
        </Button>
      ) : null}
      <PagedStates
        list={list}
        failedTitle="通知加载失败"
        empty={{
          title: '暂无通知',
          message: can.manage
            ? '点「发布通知」写第一条通知'
            : '网格长发布通知后可在这里查看告知情况',
        }}
      >
        {(items) =>
          items.map((row) => (
            <ManagedRow
              key={row.id}
              row={row}
              reachNode={reachNodeOf(row)}
              mayWithdraw={can.manage && !above.has(row.gridId)}
            />
          ))
        }
      </PagedStates>
    </View>
  );
}

function ManagedRow({
  row,
  reachNode,
  mayWithdraw,
}: {
  row: ManagedNoticeRow;
  reachNode: string;
  mayWithdraw: boolean;
}) {
  const [withdrawing, setWithdrawing] = useState(false);
  const published = row.status === 'published';
  const counted = published && row.audience !== 'staff';
  const open = () => {
    if (row.status === 'draft') openPage(routes.noticeEdit({ noticeId: row.id }));
    else if (counted) openPage(routes.noticeReach(row.id, reachNode));
  };
  return (
    <View className="card">
      <View onClick={open}>
        <View className="notice-row__head">
          <Text className="notice-row__title">
            {row.pinned ? '【置顶】' : ''}
            {row.title}
          </Text>
          <StatusChip status={row.status} />
        </View>
        <Text className="muted">
          {row.gridName} · 发给{NOTICE_AUDIENCE_LABELS[row.audience]} · {row.author}
        </Text>
        <Text className="muted">
          {row.publishedAt ? `发布于 ${formatChinaDateTime(row.publishedAt)}` : '未发布'}
          {row.expiresDay ? ` · 有效期至 ${row.expiresDay}` : ''}
          {row.audioLabels.length > 0 ? ` · 🔊 ${row.audioLabels.join('、')}` : ''}
        </Text>
        {row.reach ? (
          <ReachBar reached={row.reach.reached} households={row.reach.households} />
        ) : null}
        {row.status === 'draft' ? <Text className="small-note">点此继续编辑、发布</Text> : null}
      </View>
      {published ? (
        <View className="btn-row">
          {counted ? (
            <Button
              className="btn btn--secondary btn--small"
              hoverClass="btn--pressed"
              onClick={open}
            >
              告知情况
            </Button>
          ) : null}
          {mayWithdraw && !withdrawing ? (
            <Button
              className="btn btn--secondary btn--small"
              hoverClass="btn--pressed"
              onClick={() => setWithdrawing(true)}
            >
              撤回
            </Button>
          ) : null}
        </View>
      ) : null}
      {withdrawing ? (
        <ReasonForm
          label="撤回原因"
          placeholder="如 内容有误，将重新发布"
          hint="撤回后居民不再看到这条通知，记录保留备查"
          submitText="撤回通知"
          destructive
          backText="取消"
          confirm={() => confirmDestructive(`撤回「${row.title}」？撤回后居民不再看到它。`, '撤回')}
          submit={(reason) => withdraw(row.id, reason)}
          onDone={() => {
            setWithdrawing(false);
            toastDone('已撤回');
          }}
          onBack={() => setWithdrawing(false)}
        />
      ) : null}
    </View>
  );
}
