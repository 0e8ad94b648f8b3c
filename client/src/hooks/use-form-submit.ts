import { useState } from 'react';
import type { FunctionResult, FunctionSuccess } from '@gridguard/types';
import { fieldErrors } from '../services/format';

/**
 * A form's sending state: busy while a write is under way, and a refusal shown where it belongs,
 * each field's message under the field and the rest above the button.
 */
export function useFormSubmit<Field extends string = string>() {
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Sends `write`; resolves with the accepted result, or null once a refusal is on the form. */
  const send = async <T>(
    write: () => Promise<FunctionResult<T>>,
  ): Promise<FunctionSuccess<T> | null> => {
    setBusy(true);
    setErrors({});
    setMessage(null);
    const result = await write();
    setBusy(false);
    if (result.ok) return result;
    setErrors(fieldErrors(result.issues) as Partial<Record<Field, string>>);
    setMessage(result.message);
    return null;
  };

  /**
   * The user has changed `field`: its message goes, so no form keeps telling someone to fill in
   * what they just filled in. The check on submit brings it back if it still applies.
   */
  const fixed = (field: Field) =>
    setErrors((previous) => {
      if (!previous[field]) return previous;
      const next = { ...previous };
      delete next[field];
      return next;
    });

  return { errors, setErrors, fixed, message, setMessage, busy, send };
}
