import type { FunctionResult, RevealField } from '@gridguard/types';
import { platform } from '../platform';
import { callAction } from './call-action';

export type { RevealField };

/** How long a revealed ID number or phone stays on screen before it is masked again. */
export const REVEAL_SECONDS = 30;

/** One field of one person, in full; the server writes every reveal to the audit log. */
export function revealPersonField(personId: string, field: RevealField) {
  return callAction('people', 'reveal', { personId, field });
}

/**
 * One tap to call a person: their phone is revealed (audited on the server), then the dialler
 * opens with it (the browser preview shows it). Resolves with the reveal's refusal, if any.
 */
export async function callPerson(personId: string, name: string): Promise<FunctionResult<null>> {
  const result = await revealPersonField(personId, 'phone');
  if (!result.ok) return result;
  await platform.makePhoneCall(result.data.value, name);
  return { ok: true, data: null };
}
