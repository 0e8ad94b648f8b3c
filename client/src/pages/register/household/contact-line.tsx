import { Button, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { LoadFailed, StatusBlock } from '../../../components/status-block';
import { useResource } from '../../../hooks/use-resource';
import { askToConfirm, toastDone } from '../../../interaction';
import { assignContact, contactCandidates } from '../../../services/contacts';
import type { RegisterHouseholdView } from '../../../services/register';

/**
 * 户联系 of one household: who the party contact is, and for a leader 指定 / 更换 right where the
 * household was just created (the node's page does the same for many households at once).
 */
export function ContactLine(props: {
  household: RegisterHouseholdView;
  mayAssign: boolean;
  onChanged: () => void;
}) {
  const { household } = props;
  const [picking, setPicking] = useState(false);
  const contact = household.contact;

  return (
    <View className="register-household__contact">
      <View className="register-household__contact-head">
        <Text className="register-household__line">
          户联系：{contact ? `${contact.name}${contact.party ? '（党员）' : ''}` : '未指定'}
        </Text>
        {props.mayAssign && !picking ? (
          <Button
            className="btn btn--secondary btn--small"
            hoverClass="btn--pressed"
            onClick={() => setPicking(true)}
          >
            {contact ? '更换' : '指定户联系'}
          </Button>
        ) : null}
      </View>
      {picking ? (
        <ContactPicker
          household={household}
          onDone={() => {
            setPicking(false);
            props.onChanged();
          }}
          onCancel={() => setPicking(false)}
        />
      ) : null}
    </View>
  );
}

function ContactPicker(props: {
  household: RegisterHouseholdView;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { household } = props;
  const load = useCallback(() => contactCandidates(household.gridId), [household.gridId]);
  const { state, reload } = useResource(load);
  const [openid, setOpenid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  if (state.status === 'loading') return <StatusBlock kind="loading" title="加载中…" />;
  if (state.status === 'failed') {
    return <LoadFailed message={state.message} onRetry={() => void reload()} />;
  }
  const candidates = state.data.items;

  const save = async () => {
    const person = candidates.find((c) => c.openid === openid);
    if (!person) {
      setMessage('请选择户联系党员');
      return;
    }
    const sure = await askToConfirm(
      '指定户联系党员',
      `「${household.address}」由「${person.name}」联系`,
      '确认指定',
    );
    if (!sure) return;
    setBusy(true);
    const result = await assignContact([household.id], person.openid);
    setBusy(false);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    toastDone('已指定');
    props.onDone();
  };

  return (
    <View className="register-household__contact-pick">
      {candidates.length === 0 ? (
        <StatusBlock
          kind="empty"
          title="暂无可选的党员"
          message="本网格及上级网格还没有已确认的党员成员"
        />
      ) : (
        <ChoiceChips
          options={candidates.map((c) => ({
            value: c.openid,
            label: `${c.name}（${c.gridName}）`,
          }))}
          value={openid}
          onChange={(value) => {
            setOpenid(value);
            setMessage(null);
          }}
        />
      )}
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <View className="btn-row">
        <Button
          className="btn btn--primary btn--small"
          hoverClass="btn--pressed"
          disabled={busy || candidates.length === 0 ? true : undefined}
          onClick={() => void save()}
        >
          {busy ? '提交中…' : '确定'}
        </Button>
        <Button
          className="btn btn--secondary btn--small"
          hoverClass="btn--pressed"
          onClick={props.onCancel}
        >
          取消
        </Button>
      </View>
    </View>
  );
}
