import { View } from '@tarojs/components';
import { useState } from 'react';
import { useFormSubmit } from '../../hooks/use-form-submit';
import { ChoiceChips } from '../../components/choice-chips';
import { FormField, TextField } from '../../components/form-field';
import { ToggleSwitch } from '../../components/toggle-switch';
import {
  INVITE_DAYS,
  INVITE_USES,
  MEMBER_KIND_OPTIONS,
  createInvite,
  type InviteView,
  type MemberKind,
} from '../../services/members';
import { SubmitBar } from '../../components/submit-bar';

/** A whole number within [min, max], or the message to show under the field. */
function wholeNumber(
  raw: string,
  limits: { min: number; max: number },
  what: string,
): number | string {
  const value = Number(raw.trim());
  if (!raw.trim() || !Number.isInteger(value)) return `请填写${what}（整数）`;
  if (value < limits.min || value > limits.max)
    return `${what}应在 ${limits.min}–${limits.max} 之间`;
  return value;
}

export function InviteForm({
  gridId,
  onCreated,
}: {
  gridId: string;
  onCreated: (invite: InviteView) => void;
}) {
  const [kind, setKind] = useState<MemberKind>('member');
  const [party, setParty] = useState(false);
  const [days, setDays] = useState(String(INVITE_DAYS.default));
  const [maxUses, setMaxUses] = useState(String(INVITE_USES.default));
  const { errors, setErrors, message, setMessage, busy, send } = useFormSubmit();

  const submit = async () => {
    if (busy) return;
    const daysValue = wholeNumber(days, INVITE_DAYS, '有效天数');
    const usesValue = wholeNumber(maxUses, INVITE_USES, '可用人数');
    if (typeof daysValue === 'string' || typeof usesValue === 'string') {
      setErrors({
        ...(typeof daysValue === 'string' && { days: daysValue }),
        ...(typeof usesValue === 'string' && { maxUses: usesValue }),
      });
      setMessage(null);
      return;
    }
    const sent = await send(() =>
      createInvite({ gridId, kind, party, days: daysValue, maxUses: usesValue }),
    );
    if (!sent) return;
    onCreated(sent.data);
  };

  return (
    <View className="card invite-form">
      <FormField label="身份" error={errors.kind}>
        <ChoiceChips options={MEMBER_KIND_OPTIONS} value={kind} onChange={setKind} />
      </FormField>
      <FormField
        label="党员亮身份"
        error={errors.party}
        hint="打开后，加入者名字旁显示「党员」标识"
      >
        <ToggleSwitch checked={party} onChange={setParty} onText="党员" offText="非党员" />
      </FormField>
      <TextField
        label="有效天数"
        error={errors.days}
        hint={`${INVITE_DAYS.min}–${INVITE_DAYS.max} 天`}
        type="number"
        value={days}
        maxlength={2}
        onChange={setDays}
      />
      <TextField
        label="可用人数"
        error={errors.maxUses}
        hint={`最多 ${INVITE_USES.max} 人使用同一邀请码`}
        type="number"
        value={maxUses}
        maxlength={3}
        onChange={setMaxUses}
      />
      <SubmitBar
        message={message}
        busy={busy}
        label="生成邀请码"
        busyLabel="生成中…"
        onSubmit={() => void submit()}
      />
    </View>
  );
}
