import { Button, Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { TextField } from '../form-field';
import { fieldErrors } from '../../services/format';
import './index.css';

/** The routers' rule for a written reason (ReasonSchema): 2–100 characters once trimmed. */
const REASON_MIN = 2;
const REASON_MAX = 100;

function reasonProblem(reason: string): string | null {
  const length = [...reason.trim()].length;
  if (length < REASON_MIN) return `请填写原因（至少 ${REASON_MIN} 个字）`;
  if (length > REASON_MAX) return `原因最多 ${REASON_MAX} 个字`;
  return null;
}

export interface ReasonFormProps {
  /** 取消原因, 调整原因… */
  label: string;
  placeholder: string;
  hint?: string;
  /** The main button; red for an action that takes something away (cancel, give up). */
  submitText: string;
  destructive?: boolean;
  /** The way back without doing anything: 返回, 取消. */
  backText: string;
  /** A problem with the rest of the form (above the reason), checked before anything else. */
  precheck?: () => string | null;
  /** Asks the user in a dialog; resolves true only when they confirmed. */
  confirm: (reason: string) => Promise<boolean>;
  submit: (reason: string) => Promise<FunctionResult<unknown>>;
  onDone: () => void;
  onBack: () => void;
  /** Fields above the reason (a new class). */
  children?: ReactNode;
}

/**
 * A decision with its written reason (cancel an errand, give up a claim, change a class): checked
 * here as the server checks it, confirmed in a dialog, then sent, so a slip of the finger changes
 * nothing. The server's messages land under the reason or below the buttons.
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
    <View className="reason-form">
      {props.children}
      <TextField
        label={props.label}
        hint={props.hint}
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
          className={props.destructive ? 'btn btn--danger' : 'btn btn--primary'}
          hoverClass="btn--pressed"
          disabled={busy ? true : undefined}
          onClick={() => void save()}
        >
          {busy ? '提交中…' : props.submitText}
        </Button>
        <Button className="btn btn--secondary" hoverClass="btn--pressed" onClick={props.onBack}>
          {props.backText}
        </Button>
      </View>
    </View>
  );
}
