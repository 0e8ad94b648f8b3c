import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { PartyBadge } from '../../components/party-badge';
import { LoadFailed, StatusBlock } from '../../components/status-block';
import { useResource } from '../../hooks/use-resource';
import { askToConfirm, confirmDestructive, toastDone } from '../../interaction';
import { memberKindLabel, type MemberView } from '../../services/members';
import { commandTeam, grantCommand, revokeCommand, type Commander } from '../../services/setup';

const HOW_TO_JOIN =
  '只能从顶级网格中已确认身份的成员里选择。如需添加，请先邀请对方加入顶级网格，并在成员管理中确认身份。';

/**
 * 指挥部成员 and 添加指挥部成员. `me` is the caller's openid: one never revokes oneself, so at least
 * one commander always remains (the server refuses it as well).
 */
export function CommandTeam({ me }: { me: string }) {
  const { state, reload } = useResource(commandTeam);
  // One change at a time: each is confirmed in a dialog and the lists are read again after it.
  const [working, setWorking] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const change = async (
    openid: string,
    write: () => Promise<FunctionResult<unknown>>,
    done: string,
  ) => {
    setWorking(openid);
    setMessage(null);
    const result = await write();
    setWorking(null);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    toastDone(done);
    await reload();
  };

  const revoke = async (commander: Commander) => {
    if (working) return;
    const confirmed = await confirmDestructive(
      `撤销「${commander.name}」的指挥部身份？撤销后对方不能再管理全部网格和系统设置。`,
      '撤销',
    );
    if (confirmed) await change(commander.openid, () => revokeCommand(commander.openid), '已撤销');
  };

  const grant = async (member: MemberView) => {
    if (working) return;
    const confirmed = await askToConfirm(
      '设为指挥部',
      `把「${member.name}」设为指挥部？指挥部可以管理全部网格、成员和系统设置。`,
      '确认设置',
    );
    if (confirmed) await change(member.openid, () => grantCommand(member.openid), '已设为指挥部');
  };

  if (state.status === 'loading') {
    return <StatusBlock kind="loading" title="正在读取指挥部成员…" />;
  }
  if (state.status === 'failed') {
    return <LoadFailed message={state.message} onRetry={reload} />;
  }
  const { commanders, candidates } = state.data;
  return (
    <View>
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <View className="section">
        <View className="section__head">
          <Text className="section__title">指挥部成员</Text>
          <Text className="section__meta">共 {commanders.length} 人</Text>
        </View>
        {commanders.map((commander) => (
          <View key={commander.openid} className="card command-row">
            <View className="command-row__main">
              <Text className="command-row__name">{commander.name}</Text>
              {commander.openid === me ? <Text className="tag">本人</Text> : null}
            </View>
            {commander.openid === me ? null : (
              <Button
                className="btn btn--danger btn--small command-row__action"
                hoverClass="btn--pressed"
                disabled={working ? true : undefined}
                onClick={() => void revoke(commander)}
              >
                {working === commander.openid ? '撤销中…' : '撤销'}
              </Button>
            )}
          </View>
        ))}
      </View>
      <View className="section">
        <View className="section__head">
          <Text className="section__title">添加指挥部成员</Text>
        </View>
        <Text className="setup__note">{HOW_TO_JOIN}</Text>
        {candidates.length === 0 ? (
          <StatusBlock
            kind="empty"
            title="暂无可添加的人员"
            message="顶级网格中没有其他已确认身份的成员。"
          />
        ) : (
          candidates.map((member) => (
            <View key={member.openid} className="card command-row">
              <View className="command-row__main">
                <Text className="command-row__name">{member.name}</Text>
                {member.party ? <PartyBadge /> : null}
                <Text className="tag">{memberKindLabel(member.kind)}</Text>
              </View>
              <Button
                className="btn btn--primary btn--small command-row__action"
                hoverClass="btn--pressed"
                disabled={working ? true : undefined}
                onClick={() => void grant(member)}
              >
                {working === member.openid ? '设置中…' : '设为指挥部'}
              </Button>
            </View>
          ))
        )}
      </View>
    </View>
  );
}
