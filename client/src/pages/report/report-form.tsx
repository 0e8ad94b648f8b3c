import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useFormSubmit } from '../../hooks/use-form-submit';
import { FormField, TextField } from '../../components/form-field';
import { SymptomPicker } from '../../components/symptom-picker';
import { confirmAttention, toastDone } from '../../interaction';
import {
  FEVER_THRESHOLD_C,
  NORMAL_TEMPERATURE_C,
  askForReminderConsent,
  reportWarnings,
  stepTemperature,
  submitReport,
  type ReportDraft,
  type Symptom,
} from '../../services/health';

const MIN_C = 34;
const MAX_C = 43;

/** The typed temperature as a number, or null when it is not a plausible body temperature. */
function parseTemperature(text: string): number | null {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value < MIN_C || value > MAX_C) return null;
  return Math.round(value * 10) / 10;
}

export interface ReportFormProps {
  personId: string;
  /** Yesterday's values (or today's, when updating), so an unchanged day is a single tap. */
  initial: ReportDraft;
  updating: boolean;
  onSubmitted: () => void;
}

export function ReportForm({ personId, initial, updating, onSubmitted }: ReportFormProps) {
  const [temperatureText, setTemperatureText] = useState(initial.temperature.toFixed(1));
  const [symptoms, setSymptoms] = useState<Symptom[]>(initial.symptoms);
  const [note, setNote] = useState(initial.note);
  const { errors, setErrors, message, busy, send } = useFormSubmit();

  const temperature = parseTemperature(temperatureText);
  const warnings = temperature === null ? [] : reportWarnings({ temperature, symptoms });

  const step = (direction: 1 | -1) => {
    const from = temperature ?? NORMAL_TEMPERATURE_C;
    const next = Math.min(MAX_C, Math.max(MIN_C, stepTemperature(from, direction)));
    setTemperatureText(next.toFixed(1));
    setErrors((previous) => ({ ...previous, temperature: '' }));
  };

  const submit = async () => {
    if (busy) return;
    if (temperature === null) {
      setErrors({ temperature: `请填写 ${MIN_C}–${MAX_C} 之间的体温` });
      return;
    }
    // Consent for tomorrow's reminder: WeChat only allows asking from a tap, so ask first.
    await askForReminderConsent();
    if (warnings.length > 0) {
      const confirmed = await confirmAttention(
        '体温偏高/有症状',
        `${warnings.join('；')}。提交后网格长会收到提醒。`,
      );
      if (!confirmed) return;
    }
    const sent = await send(() =>
      submitReport(personId, { temperature, symptoms, note: note.trim() }),
    );
    if (!sent) return;
    toastDone(updating ? '已更新' : '已打卡');
    onSubmitted();
  };

  const normal = warnings.length === 0;
  const submitText = busy
    ? '提交中…'
    : updating
      ? '更新今日打卡'
      : normal
        ? '提交（一切正常）'
        : '提交';

  return (
    <View className="card report-form">
      <FormField label="体温（℃）" error={errors.temperature || undefined}>
        <View className="temperature">
          <Button
            className="btn btn--secondary temperature__step"
            hoverClass="btn--pressed"
            ariaLabel="体温减 0.1"
            onClick={() => step(-1)}
          >
            −
          </Button>
          <Input
            className={
              temperature !== null && temperature >= FEVER_THRESHOLD_C
                ? 'text-input temperature__input temperature__input--high'
                : 'text-input temperature__input'
            }
            type="digit"
            value={temperatureText}
            maxlength={4}
            onInput={(e) => setTemperatureText(e.detail.value)}
          />
          <Button
            className="btn btn--secondary temperature__step"
            hoverClass="btn--pressed"
            ariaLabel="体温加 0.1"
            onClick={() => step(1)}
          >
            +
          </Button>
        </View>
      </FormField>
      <FormField label="症状" hint="没有不适就不用选" error={errors.symptoms}>
        <SymptomPicker value={symptoms} onChange={setSymptoms} />
      </FormField>
      <TextField
        label="备注"
        optional
        error={errors.note}
        value={note}
        maxlength={200}
        placeholder="如：已服药、已就医"
        onChange={setNote}
      />
      {normal ? null : (
        <Text className="notice notice--error report-warning">
          {warnings.join('；')}，提交后网格长会收到提醒
        </Text>
      )}
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <Button
        className="btn btn--primary btn--block report-submit"
        hoverClass="btn--pressed"
        disabled={busy ? true : undefined}
        onClick={() => void submit()}
      >
        {submitText}
      </Button>
    </View>
  );
}
