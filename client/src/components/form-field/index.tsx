import { Text, View } from '@tarojs/components';
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
