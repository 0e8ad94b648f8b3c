import { Button, Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { TextField } from '../../../components/form-field';
import { fieldErrors } from '../../../services/format';
import { REASON_MAX, reasonProblem } from '../../../services/observations';

export interface ReasonFormProps {
  label: string;
  placeholder: string;
  submitText: string;
  /** A problem with the rest of the form (above the reason), checked before anything else. */
  precheck?: () => string | null;
  /** Asks the user; resolves true only when they confirmed. */
  confirm: (reason: string) => Promise<boolean>;
  submit: (reason: string) => Promise<FunctionResult<unknown>>;
  onDone: () => void;
  onCancel: () => void;
  /** Fields above the reason (the new class). */
  children?: ReactNode;
}

/**
 * A leader's decision with its written reason: checked here as the server checks it, confirmed in
 * a dialog, then sent. The server's messages land under the reason or below the buttons.
 */
export function ReasonForm(props: ReasonFormProps) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (busy) return;
    setMessage(null);
    const problem = props.precheck?.() ?? null;
    if (problem) {
      setMessage(problem);
      return;
    }
    const local = reasonProblem(reason);
    setReasonError(local ?? undefined);
    if (local) return;
    if (!(await props.confirm(reason.trim()))) return;
    setBusy(true);
    const result = await props.submit(reason.trim());
    setBusy(false);
    if (result.ok) {
      props.onDone();
      return;
    }
    const fromServer = fieldErrors(result.issues).reason;
    if (fromServer) setReasonError(fromServer);
    else setMessage(result.message);
  };

  return (
    <View className="observe-form">
      {props.children}
      <TextField
        label={props.label}
        hint={`2–${REASON_MAX} 个字，将留存记录`}
        error={reasonError}
        value={reason}
        maxlength={REASON_MAX}
        placeholder={props.placeholder}
        onChange={(text) => {
          setReason(text);
          setReasonError(undefined);
        }}
      />
      {message ? <Text className="notice notice--error">{message}</Text> : null}
      <View className="btn-row">
        <Button
          className="btn btn--primary"
          hoverClass="btn--pressed"
          disabled={busy ? true : undefined}
          onClick={() => void save()}
        >
          {busy ? '提交中…' : props.submitText}
        </Button>
        <Button className="btn btn--secondary" hoverClass="btn--pressed" onClick={props.onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}
