import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { confirmDestructive } from '../../interaction';
import { TextField } from '../form-field';
import './index.css';

/** The router's rule for a reason (ReasonSchema): at least 2 characters, at most 100. */
const MIN_REASON = 2;
const MAX_REASON = 100;

export interface ReasonFormProps {
  /** 取消原因, 放弃原因… */
  label: string;
  placeholder: string;
  /** Asked in the confirmation dialog after the reason is written. */
  question: string;
  confirmText: string;
  onSubmit: (reason: string) => Promise<FunctionResult<unknown>>;
  onDone: () => void;
  onBack: () => void;
}

/**
 * A reason, then a dialog, then the destructive action (cancel an errand, give up a claim): two
 * deliberate steps, so a slip of the finger changes nothing.
 */
export function ReasonForm(props: ReasonFormProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const text = reason.trim();
    if (text.length < MIN_REASON) {
      setError(`请填写原因（至少 ${MIN_REASON} 个字）`);
      return;
    }
    setError(undefined);
    if (!(await confirmDestructive(props.question, props.confirmText))) return;
    setBusy(true);
    setMessage(null);
    const result = await props.onSubmit(text);
    setBusy(false);
    if (result.ok) props.onDone();
    else setMessage(result.message);
  };

  return (
    <View className="reason-form">
      <TextField
        label={props.label}
        error={error}
        value={reason}
        maxlength={MAX_REASON}
        placeholder={props.placeholder}
        onChange={setReason}
      />
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <View className="btn-row">
        <Button
          className="btn btn--danger"
          hoverClass="btn--pressed"
          disabled={busy ? true : undefined}
          onClick={() => void submit()}
        >
          {busy ? '提交中…' : props.confirmText}
        </Button>
        <Button className="btn btn--secondary" hoverClass="btn--pressed" onClick={props.onBack}>
          返回
        </Button>
      </View>
    </View>
  );
}
