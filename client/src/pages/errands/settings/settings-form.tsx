import { View } from '@tarojs/components';
import { useState } from 'react';
import { useFormSubmit } from '../../../hooks/use-form-submit';
import { TextField } from '../../../components/form-field';
import { SubmitBar } from '../../../components/submit-bar';
import { askToConfirm, toastDone } from '../../../interaction';
import {
  ERRAND_DEFAULTS,
  ERRAND_SETTING_RANGES,
  checkErrandSettings,
  configureErrands,
  type ErrandSettings,
  type ErrandSettingsView,
} from '../../../services/errands';

const { maxActiveClaims: CLAIMS, claimTimeoutMinutes: TIMEOUT } = ERRAND_SETTING_RANGES;

const FIELDS: { key: keyof ErrandSettings; label: string; hint: string; maxlength: number }[] = [
  {
    key: 'maxActiveClaims',
    label: '每人同时办理的单数',
    hint: `可设 ${CLAIMS.min}–${CLAIMS.max} 单，默认 ${ERRAND_DEFAULTS.maxActiveClaims} 单`,
    maxlength: 2,
  },
  {
    key: 'claimTimeoutMinutes',
    label: '认领超时（分钟）',
    hint: `可设 ${TIMEOUT.min}–${TIMEOUT.max} 分钟（最长 24 小时），默认 ${ERRAND_DEFAULTS.claimTimeoutMinutes} 分钟`,
    maxlength: 4,
  },
];

/** A typed number as the schema takes it: empty or not a number becomes NaN (told its range). */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** The two limits, checked by the shared schema, saved after the command centre confirms. */
export function SettingsForm({
  current,
  onSaved,
}: {
  current: ErrandSettingsView;
  onSaved: (settings: ErrandSettingsView) => void;
}) {
  const [texts, setTexts] = useState<Record<keyof ErrandSettings, string>>({
    maxActiveClaims: String(current.maxActiveClaims),
    claimTimeoutMinutes: String(current.claimTimeoutMinutes),
  });
  const { errors, setErrors, fixed, message, setMessage, busy, send } =
    useFormSubmit<keyof ErrandSettings>();

  const save = async () => {
    if (busy) return;
    setMessage(null);
    const checked = checkErrandSettings({
      maxActiveClaims: numberOf(texts.maxActiveClaims),
      claimTimeoutMinutes: numberOf(texts.claimTimeoutMinutes),
    });
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage('请检查标红的内容');
      return;
    }
    setErrors({});
    const { maxActiveClaims, claimTimeoutMinutes } = checked.settings;
    const confirmed = await askToConfirm(
      '保存跑腿设置',
      `每名志愿者最多同时办理 ${maxActiveClaims} 单，认领后 ${claimTimeoutMinutes} 分钟内未购买将退回代购池。保存后立即生效。`,
      '确认保存',
    );
    if (!confirmed) return;
    const sent = await send(() => configureErrands(checked.settings));
    if (!sent) return;
    toastDone('已保存');
    onSaved(sent.data);
  };

  return (
    <View className="card errand-settings__form">
      {FIELDS.map((f) => (
        <TextField
          key={f.key}
          label={f.label}
          hint={f.hint}
          error={errors[f.key]}
          type="number"
          value={texts[f.key]}
          maxlength={f.maxlength}
          onChange={(value) => {
            setTexts((t) => ({ ...t, [f.key]: value }));
            fixed(f.key);
          }}
        />
      ))}
      <SubmitBar
        message={message}
        busy={busy}
        label="保存设置"
        busyLabel="保存中…"
        onSubmit={() => void save()}
      />
    </View>
  );
}
