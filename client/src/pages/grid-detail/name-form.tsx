import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import type { FunctionResult } from '@gridguard/types';
import { FormField } from '../../components/form-field';
import { fieldErrors } from '../../services/format';

export interface NameFormProps {
  label: string;
  initial: string;
  submitText: string;
  onSubmit: (name: string) => Promise<FunctionResult<unknown>>;
  onDone: () => void;
  onCancel: () => void;
}

/** One name to type, for a new child node or a rename; the server's messages land under it. */
export function NameForm({
  label,
  initial,
  submitText,
  onSubmit,
  onDone,
  onCancel,
}: NameFormProps) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    const result = await onSubmit(name);
    setBusy(false);
    if (result.ok) onDone();
    else setError(fieldErrors(result.issues).name ?? result.message);
  };

  return (
    <View className="card name-form">
      <FormField label={label} error={error} hint="不超过 30 个字">
        <Input
          className="text-input"
          value={name}
          maxlength={30}
          focus
          placeholder="例如：第四户联系党小组"
          onInput={(e) => setName(e.detail.value)}
          onConfirm={() => void submit()}
        />
      </FormField>
      <View className="btn-row">
        <Button
          className="btn btn--primary"
          hoverClass="btn--pressed"
          disabled={busy ? true : undefined}
          onClick={() => void submit()}
        >
          {busy ? '提交中…' : submitText}
        </Button>
        <Button className="btn btn--secondary" hoverClass="btn--pressed" onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}
