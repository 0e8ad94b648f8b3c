import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { TextField } from '../../components/form-field';
import { LoadFailed, StatusBlock } from '../../components/status-block';
import { SubmitBar } from '../../components/submit-bar';
import { useFormSubmit } from '../../hooks/use-form-submit';
import { useResource } from '../../hooks/use-resource';
import { askToConfirm, toastDone } from '../../interaction';
import { formatChinaDateTime } from '../../services/format';
import {
  checkClinics,
  feverClinics,
  saveFeverClinics,
  type FeverClinic,
} from '../../services/setup';
import { MAX_FEVER_CLINICS } from '@gridguard/types';

const EMPTY: FeverClinic = { name: '', address: '', phone: '' };

/**
 * 发热门诊: the clinics a resident who reports a fever is sent to, with their numbers (one tap to
 * call on the guidance card). The command centre keeps the list; it is replaced whole on save.
 */
export function FeverClinics() {
  const { state, reload } = useResource(feverClinics, { topics: ['setup'] });
  if (state.status === 'loading') return <StatusBlock kind="loading" title="加载中…" />;
  if (state.status === 'failed') {
    return <LoadFailed title="发热门诊加载失败" message={state.message} onRetry={reload} />;
  }
  const { clinics, updatedAt, updatedBy } = state.data;
  return (
    <View>
      {updatedAt ? (
        <Text className="setup__note">
          最近修改：{updatedBy ?? '指挥部'} · {formatChinaDateTime(updatedAt)}
        </Text>
      ) : null}
      {/* Keyed by the saved list: after a save the form starts from what was stored. */}
      <ClinicsForm key={updatedAt ?? 'none'} saved={clinics} />
    </View>
  );
}

function ClinicsForm({ saved }: { saved: FeverClinic[] }) {
  const [rows, setRows] = useState<FeverClinic[]>(() =>
    saved.length > 0 ? saved.map((c) => ({ ...c })) : [{ ...EMPTY }],
  );
  const { errors, setErrors, message, setMessage, busy, send } = useFormSubmit();
  const setRow = (index: number, change: Partial<FeverClinic>) =>
    setRows((previous) => previous.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const save = async () => {
    if (busy) return;
    setMessage(null);
    // A row left wholly blank is simply not a clinic.
    const filled = rows.filter((row) => row.name.trim() || row.address.trim() || row.phone.trim());
    const checked = checkClinics(filled);
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage('请检查标红的内容');
      return;
    }
    setErrors({});
    const confirmed = await askToConfirm(
      '保存发热门诊',
      checked.clinics.length > 0
        ? `居民报告发热后将看到这 ${checked.clinics.length} 个发热门诊及电话。`
        : '清空后，居民报告发热时只会看到 120 急救电话。',
      '确认保存',
    );
    if (!confirmed) return;
    const sent = await send(() => saveFeverClinics(checked.clinics));
    if (sent) toastDone('已保存');
  };

  return (
    <View className="card setup__form">
      {rows.map((row, index) => (
        <View key={index} className="clinic-row">
          <View className="clinic-row__head">
            <Text className="clinic-row__title">发热门诊 {index + 1}</Text>
            <Button
              className="btn btn--secondary btn--small"
              hoverClass="btn--pressed"
              onClick={() => setRows((previous) => previous.filter((_, i) => i !== index))}
            >
              删除
            </Button>
          </View>
          <TextField
            label="名称"
            error={errors[`clinics.${index}.name`]}
            value={row.name}
            maxlength={30}
            placeholder="如 九江镇卫生院发热门诊"
            onChange={(name) => setRow(index, { name })}
          />
          <TextField
            label="地址"
            error={errors[`clinics.${index}.address`]}
            value={row.address}
            maxlength={60}
            placeholder="便于居民前往"
            onChange={(address) => setRow(index, { address })}
          />
          <TextField
            label="电话"
            error={errors[`clinics.${index}.phone`]}
            value={row.phone}
            maxlength={20}
            placeholder="如 0757-86500120"
            onChange={(phone) => setRow(index, { phone })}
          />
        </View>
      ))}
      {rows.length < MAX_FEVER_CLINICS ? (
        <Button
          className="btn btn--secondary btn--block"
          hoverClass="btn--pressed"
          onClick={() => setRows((previous) => [...previous, { ...EMPTY }])}
        >
          添加发热门诊
        </Button>
      ) : null}
      {errors.clinics ? <Text className="form-field__error">{errors.clinics}</Text> : null}
      <SubmitBar
        message={message}
        busy={busy}
        label="保存发热门诊"
        busyLabel="保存中…"
        onSubmit={() => void save()}
      />
    </View>
  );
}
