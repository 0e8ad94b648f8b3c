import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { MemberRow } from '../../components/member-row';
import { LoadFailed, MissingGrid, StatusBlock } from '../../components/status-block';
import { usePullRefresh } from '../../hooks/use-pull-refresh';
import { useResource, type ResourceState } from '../../hooks/use-resource';
import { askToConfirm, confirmDestructive, toastDone } from '../../interaction';
import { decodeParam } from '../../routes';
import { getGridDetail, type GridDetail } from '../../services/grids';
import {
  confirmMember,
  listInvites,
  memberKindLabel,
  removeMember,
  revokeInvite,
  type InviteView,
  type MemberView,
} from '../../services/members';
import { InviteCard } from './invite-card';
import { InviteForm } from './invite-form';
import { InviteList } from './invite-list';
import './index.css';

export default function MembersPage() {
  const gridId = decodeParam(useRouter().params.gridId);
  if (!gridId) return <MissingGrid />;
  return <MembersView gridId={gridId} />;
}

function MembersView({ gridId }: { gridId: string }) {
  const loadDetail = useCallback(() => getGridDetail(gridId), [gridId]);
  const detail = useResource(loadDetail);
  // Fetched alongside the detail rather than after it: one wait instead of two on a slow network.
  const loadInvites = useCallback(() => listInvites(gridId), [gridId]);
  const invites = useResource(loadInvites);
  usePullRefresh(() => Promise.all([detail.reload(), invites.reload()]));

  return (
    <View className="page members-page">
      {detail.state.status === 'loading' ? <StatusBlock kind="loading" title="加载中…" /> : null}
      {detail.state.status === 'failed' ? (
        <LoadFailed message={detail.state.message} onRetry={detail.reload} />
      ) : null}
      {detail.state.status === 'ready' && !detail.state.data.can.invite ? (
        <StatusBlock
          kind="error"
          title="无法管理成员"
          message="只有本网格及上级网格的网格长可以管理成员"
        />
      ) : null}
      {detail.state.status === 'ready' && detail.state.data.can.invite ? (
        <Manage
          detail={detail.state.data}
          invites={invites}
          onMembersChanged={() => void detail.reload()}
        />
      ) : null}
    </View>
  );
}

interface ManageProps {
  detail: GridDetail;
  invites: { state: ResourceState<InviteView[]>; reload: () => Promise<void> };
  onMembersChanged: () => void;
}

function Manage({ detail, invites, onMembersChanged }: ManageProps) {
  const { node, members } = detail;
  const [selected, setSelected] = useState<InviteView | null>(null);
  const [revokingCode, setRevokingCode] = useState<string | null>(null);
  const [removingOpenid, setRemovingOpenid] = useState<string | null>(null);
  const [confirmingOpenid, setConfirmingOpenid] = useState<string | null>(null);
  const [inviteError, setInviteError] = useState<string | null>(null);
  const [memberError, setMemberError] = useState<string | null>(null);

  const onCreated = (invite: InviteView) => {
    setSelected(invite);
    toastDone('已生成');
    void invites.reload();
  };

  const revoke = async (invite: InviteView) => {
    setInviteError(null);
    const confirmed = await confirmDestructive(
      `撤销邀请码「${invite.code}」？撤销后任何人都不能再用它加入`,
      '撤销',
    );
    if (!confirmed) return;
    setRevokingCode(invite.code);
    const result = await revokeInvite(invite.code);
    setRevokingCode(null);
    if (!result.ok) {
      setInviteError(result.message);
      return;
    }
    if (selected?.code === invite.code) setSelected(null);
    toastDone('已撤销');
    void invites.reload();
  };

  const confirmOne = async (member: MemberView) => {
    setMemberError(null);
    const confirmed = await askToConfirm(
      '确认身份',
      `确认「${member.name}」是本网格的${memberKindLabel(member.kind)}？确认后 ta 可以认领跑腿、查看需拨打的电话等。`,
      '确认',
    );
    if (!confirmed) return;
    setConfirmingOpenid(member.openid);
    const result = await confirmMember(node.id, member.openid);
    setConfirmingOpenid(null);
    if (!result.ok) {
      setMemberError(result.message);
      return;
    }
    toastDone('已确认');
    onMembersChanged();
  };

  const remove = async (member: MemberView) => {
    setMemberError(null);
    const confirmed = await confirmDestructive(
      `确认将「${member.name}」移出「${node.name}」？`,
      '移出',
    );
    if (!confirmed) return;
    setRemovingOpenid(member.openid);
    const result = await removeMember(node.id, member.openid);
    setRemovingOpenid(null);
    if (!result.ok) {
      setMemberError(result.message);
      return;
    }
    toastDone('已移出');
    onMembersChanged();
  };

  return (
    <View>
      <Text className="page__title">{node.name}</Text>
      <Text className="page__hint">
        {node.levelName} · 生成邀请码请人加入，确认新成员的身份，或移出成员
      </Text>

      <View className="section">
        <View className="section__head">
          <Text className="section__title">邀请新成员</Text>
        </View>
        <InviteForm gridId={node.id} onCreated={onCreated} />
      </View>

      {selected ? (
        <View className="section">
          <InviteCard invite={selected} />
        </View>
      ) : null}

      <View className="section">
        <View className="section__head">
          <Text className="section__title">有效邀请码</Text>
          {invites.state.status === 'ready' ? (
            <Text className="section__meta">共 {invites.state.data.length} 个</Text>
          ) : null}
        </View>
        {inviteError ? <Text className="notice notice--error">{inviteError}</Text> : null}
        {invites.state.status === 'loading' ? <StatusBlock kind="loading" title="加载中…" /> : null}
        {invites.state.status === 'failed' ? (
          <LoadFailed
            title="邀请码加载失败"
            message={invites.state.message}
            onRetry={invites.reload}
          />
        ) : null}
        {invites.state.status === 'ready' && invites.state.data.length === 0 ? (
          <StatusBlock kind="empty" title="暂无有效邀请码" />
        ) : null}
        {invites.state.status === 'ready' && invites.state.data.length > 0 ? (
          <InviteList
            invites={invites.state.data}
            selectedCode={selected?.code ?? null}
            revokingCode={revokingCode}
            onShow={setSelected}
            onRevoke={(invite) => void revoke(invite)}
          />
        ) : null}
      </View>

      <View className="section members-section">
        <View className="section__head">
          <Text className="section__title">成员</Text>
          <Text className="section__meta">共 {members.length} 人</Text>
        </View>
        {memberError ? <Text className="notice notice--error">{memberError}</Text> : null}
        {members.length === 0 ? (
          <StatusBlock kind="empty" title="暂无成员" message="生成邀请码，请网格员、志愿者加入" />
        ) : (
          members.map((member) => (
            // One's own row offers neither: a leader is removed or confirmed from above.
            <MemberRow
              key={member.openid}
              member={member}
              {...(!member.self && {
                removing: removingOpenid === member.openid,
                onRemove: (m: MemberView) => void remove(m),
                confirming: confirmingOpenid === member.openid,
                onConfirm: (m: MemberView) => void confirmOne(m),
              })}
            />
          ))
        )}
      </View>
    </View>
  );
}
