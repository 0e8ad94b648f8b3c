import { Button, Text, View } from '@tarojs/components';
import { MEMBER_KIND_LABELS } from '@gridguard/types';
import { useCallback, useState } from 'react';
import { ChoiceChips } from '../../../components/choice-chips';
import { FormField } from '../../../components/form-field';
import { ReasonForm } from '../../../components/reason-form';
import { LoadFailed, StatusBlock } from '../../../components/status-block';
import { useResource } from '../../../hooks/use-resource';
import { askToConfirm, toastDone } from '../../../interaction';
import { assignCarer, carerCandidates } from '../../../services/contacts';
import {
  endObservationEarly,
  extendObservation,
  type ObservationView,
} from '../../../services/observations';

type Mode = 'idle' | 'carer' | 'extend' | 'end';

const EXTEND_CHOICES = [
  { value: '3', label: '3 天' },
  { value: '7', label: '7 天' },
  { value: '14', label: '14 天' },
] as const;
type ExtendChoice = (typeof EXTEND_CHOICES)[number]['value'];

/**
 * A leader's hand on one observation: 更换关爱协管员 (from the team on the person's path),
 * 延长观察 (days and a reason) and 提前解除 (a reason, e.g. a negative test). Each is confirmed
 * in a dialog before anything is sent; the server audits it.
 */
export function ObservationManage({
  observation,
  onChanged,
}: {
  observation: ObservationView;
  onChanged: () => void;
}) {
  const [mode, setMode] = useState<Mode>('idle');
  const done = (title: string) => {
    setMode('idle');
    toastDone(title);
    onChanged();
  };

  if (mode === 'carer')
    return (
      <CarerChange
        observation={observation}
        onDone={() => done('已更换')}
        onBack={() => setMode('idle')}
      />
    );
  if (mode === 'extend')
    return (
      <ExtendForm
        observation={observation}
        onDone={() => done('已延长')}
        onBack={() => setMode('idle')}
      />
    );
  if (mode === 'end')
    return (
      <ReasonForm
        label="解除原因"
        placeholder="例如：核酸检测阴性，经卫生院同意"
        hint="2–100 个字，将留存记录"
        submitText="提前解除"
        destructive
        confirm={(reason) =>
          askToConfirm(
            '提前解除观察',
            `${observation.name}将解除居家观察，不再需要每日打卡。原因：${reason}`,
            '确认解除',
          )
        }
        submit={(reason) => endObservationEarly(observation.personId, reason)}
        onDone={() => done('已解除观察')}
        onBack={() => setMode('idle')}
        backText="取消"
      />
    );
  return (
    <View className="btn-row">
      <Button
        className="btn btn--secondary"
        hoverClass="btn--pressed"
        onClick={() => setMode('carer')}
      >
        更换协管员
      </Button>
      <Button
        className="btn btn--secondary"
        hoverClass="btn--pressed"
        onClick={() => setMode('extend')}
      >
        延长观察
      </Button>
      {observation.status === 'observing' ? (
        <Button
          className="btn btn--secondary"
          hoverClass="btn--pressed"
          onClick={() => setMode('end')}
        >
          提前解除
        </Button>
      ) : null}
    </View>
  );
}

function ExtendForm({
  observation,
  onDone,
  onBack,
}: {
  observation: ObservationView;
  onDone: () => void;
  onBack: () => void;
}) {
  const [days, setDays] = useState<ExtendChoice>('7');
  return (
    <ReasonForm
      label="延长原因"
      placeholder="例如：同行人员确诊，需继续观察"
      hint="2–100 个字，将留存记录"
      submitText="延长观察"
      confirm={(reason) =>
        askToConfirm(
          '延长居家观察',
          `${observation.name}的观察期将由 ${observation.totalDays} 天延长 ${days} 天。原因：${reason}`,
          '确认延长',
        )
      }
      submit={(reason) => extendObservation(observation.personId, Number(days), reason)}
      onDone={onDone}
      onBack={onBack}
      backText="取消"
    >
      <FormField label="延长天数">
        <ChoiceChips options={EXTEND_CHOICES} value={days} onChange={setDays} />
      </FormField>
    </ReasonForm>
  );
}

function CarerChange({
  observation,
  onDone,
  onBack,
}: {
  observation: ObservationView;
  onDone: () => void;
  onBack: () => void;
}) {
  const load = useCallback(() => carerCandidates(observation.personId), [observation.personId]);
  const { state, reload } = useResource(load);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  if (state.status === 'loading') return <StatusBlock kind="loading" title="加载中…" />;
  if (state.status === 'failed')
    return <LoadFailed message={state.message} onRetry={() => void reload()} />;
  const { items, current } = state.data;
  const options = items.map((c) => ({
    value: c.openid,
    label: `${c.name}（${MEMBER_KIND_LABELS[c.kind]}）`,
  }));
  const selected = chosen ?? current;
  const save = async () => {
    const pick = items.find((c) => c.openid === selected);
    if (!pick || pick.openid === current) {
      setMessage('请选择另一位协管员');
      return;
    }
    const from = observation.care.carer ?? '未定';
    if (
      !(await askToConfirm(
        '更换关爱协管员',
        `${observation.name}：${from} → ${pick.name}`,
        '确认更换',
      ))
    )
      return;
    setBusy(true);
    const result = await assignCarer(observation.personId, pick.openid);
    setBusy(false);
    if (result.ok) onDone();
    else setMessage(result.message);
  };
  return (
    <View className="reason-form">
      {items.length === 0 ? (
        <StatusBlock
          kind="empty"
          title="暂无可选的队伍成员"
          message="请先在成员管理中邀请并确认成员"
        />
      ) : (
        <FormField label="关爱协管员">
          <ChoiceChips options={options} value={selected} onChange={setChosen} />
        </FormField>
      )}
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <View className="btn-row">
        {items.length > 0 ? (
          <Button
            className="btn btn--primary"
            hoverClass="btn--pressed"
            disabled={busy ? true : undefined}
            onClick={() => void save()}
          >
            {busy ? '提交中…' : '保存'}
          </Button>
        ) : null}
        <Button className="btn btn--secondary" hoverClass="btn--pressed" onClick={onBack}>
          取消
        </Button>
      </View>
    </View>
  );
}
