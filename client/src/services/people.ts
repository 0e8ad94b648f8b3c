import type { RevealField } from '@gridguard/types';
import { callAction } from './call-action';

export type { RevealField };

/** How long a revealed ID number or phone stays on screen before it is masked again. */
export const REVEAL_SECONDS = 30;

/** One field of one person, in full; the server writes every reveal to the audit log. */
export function revealPersonField(personId: string, field: RevealField) {
  return callAction('people', 'reveal', { personId, field });
}
