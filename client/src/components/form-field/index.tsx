import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.css';

export interface FormFieldProps {
  label: string;
  optional?: boolean;
  hint?: string;
  /** The server's (or the form's) message for this field, shown right under it. */
  error?: string | undefined;
  children: ReactNode;
}

export function FormField({ label, optional = false, hint, error, children }: FormFieldProps) {
  return (
    <View className={error ? 'form-field form-field--invalid' : 'form-field'}>
      <Text className="form-field__label">
        {label}
        {optional ? <Text className="form-field__optional">（选填）</Text> : null}
      </Text>
      {children}
      {hint && !error ? <Text className="form-field__hint">{hint}</Text> : null}
      {error ? <Text className="form-field__error">{error}</Text> : null}
    </View>
  );
}

export interface TextFieldProps extends Omit<FormFieldProps, 'children'> {
  value: string;
  onChange: (value: string) => void;
  maxlength: number;
  placeholder?: string;
  /** The keyboard to show: numbers only, decimals, ID numbers (with X). */
  type?: 'number' | 'digit' | 'idcard';
}

/** A labelled one-line text input: the field most forms are made of. */
export function TextField({
  value,
  onChange,
  maxlength,
  placeholder,
  type,
  ...field
}: TextFieldProps) {
  return (
    <FormField {...field}>
      <Input
        className="text-input"
        type={type}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
      />
    </FormField>
  );
}
