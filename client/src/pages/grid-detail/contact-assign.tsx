import { Button, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { FormField } from '../../components/form-field';
import { LoadFailed, StatusBlock } from '../../components/status-block';
import { useResource } from '../../hooks/use-resource';
import { askToConfirm, toastDone } from '../../interaction';
import { assignContact, contactCandidates } from '../../services/contacts';
import type { HouseholdView } from '../../services/grids';

export interface ContactAssignProps {
  /** The node shown: its party members and those above may contact every household below it. */
  gridId: string;
  /** The households loaded so far on the page: the ones a leader picks from. */
  households: readonly HouseholdView[];
  onDone: () => void;
  onCancel: () => void;
}

/**
 * 指定户联系党员: a leader ticks households (or 全选) and names one party member of this node or
 * above as their contact, or clears it; confirmed in a dialog, audited on the server.
 */
export function ContactAssign({ gridId, households, onDone, onCancel }: ContactAssignProps) {
  const load = useCallback(() => contactCandidates(gridId), [gridId]);
  const { state, reload } = useResource(load);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [openid, setOpenid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  if (state.status === 'loading') return <StatusBlock kind="loading" title="加载中…" />;
  if (state.status === 'failed')
    return <LoadFailed message={state.message} onRetry={() => void reload()} />;
  const candidates = state.data.items;
  const toggle = (id: string) => {
    const next = new Set(picked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setPicked(next);
    setMessage(null);
  };
  const allPicked = households.length > 0 && picked.size === households.length;

  const save = async (clear: boolean) => {
    setMessage(null);
    if (picked.size === 0) {
      setMessage('请先选择住户');
      return;
    }
    const person = candidates.find((c) => c.openid === openid);
    if (!clear && !person) {
      setMessage('请选择户联系党员');
      return;
    }
    const confirmed = clear
      ? await askToConfirm('清除户联系', `将清除所选 ${picked.size} 户的户联系党员`, '确认清除')
      : await askToConfirm(
          '指定户联系党员',
          `所选 ${picked.size} 户由「${person?.name ?? ''}」联系`,
          '确认指定',
        );
    if (!confirmed) return;
    setBusy(true);
    const result = await assignContact([...picked], clear ? null : (person?.openid ?? null));
    setBusy(false);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    toastDone(clear ? '已清除' : '已指定');
    onDone();
  };

  return (
    <View className="card contact-assign">
      <Text className="section__title">指定户联系党员</Text>
      {candidates.length === 0 ? (
        <StatusBlock
          kind="empty"
          title="暂无可选的党员"
          message="本网格及上级网格还没有已确认的党员成员"
        />
      ) : (
        <FormField label="户联系党员">
          <ChoiceChips
            options={candidates.map((c) => ({
              value: c.openid,
              label: `${c.name}（${c.gridName}）`,
            }))}
            value={openid}
            onChange={setOpenid}
          />
        </FormField>
      )}
      <View className="contact-assign__head">
        <Text className="small-note">
          已选 {picked.size} 户（本页已加载 {households.length} 户）
        </Text>
        <Button
          className="btn btn--secondary btn--small"
          hoverClass="btn--pressed"
          onClick={() => setPicked(allPicked ? new Set() : new Set(households.map((h) => h.id)))}
        >
          {allPicked ? '全不选' : '全选'}
        </Button>
      </View>
      {households.map((h) => {
        const on = picked.has(h.id);
        return (
          <View
            key={h.id}
            className={on ? 'contact-assign__row contact-assign__row--on' : 'contact-assign__row'}
            ariaRole="checkbox"
            ariaLabel={`${h.address}${on ? '，已选中' : ''}`}
            onClick={() => toggle(h.id)}
          >
            <Text className="contact-assign__mark">{on ? '☑' : '☐'}</Text>
            <View className="contact-assign__text">
              <Text className="contact-assign__address">{h.address}</Text>
              <Text className="small-note">户联系：{h.contact?.name ?? '未指定'}</Text>
            </View>
          </View>
        );
      })}
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <View className="btn-row">
        <Button
          className="btn btn--primary"
          hoverClass="btn--pressed"
          disabled={busy || candidates.length === 0 ? true : undefined}
          onClick={() => void save(false)}
        >
          {busy ? '提交中…' : '指定'}
        </Button>
        <Button
          className="btn btn--secondary"
          hoverClass="btn--pressed"
          disabled={busy ? true : undefined}
          onClick={() => void save(true)}
        >
          清除联系人
        </Button>
        <Button className="btn btn--secondary" hoverClass="btn--pressed" onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}
