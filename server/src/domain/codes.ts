import { CODE_ALPHABET } from '@gridguard/types';

export { HOUSEHOLD_CODE_LENGTH, INVITE_CODE_LENGTH } from '@gridguard/types';

/** Wrong door codes one person may type in a China day, wherever they type them. */
export const MAX_CODE_MISSES_PER_DAY = 10;
/** The tally of one person's wrong door codes on a China day (`codeAttempts`). */
export const doorCodeTallyKey = (openid: string, day: string): string => `door:${openid}:${day}`;

/** A random code of `length` characters; `random` returns [0, 1) (crypto-backed in functions). */
export function newCode(length: number, random: () => number): string {
  let code = '';
  for (let i = 0; i < length; i += 1)
    code += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return code;
}

export interface InviteRecord {
  _id: string;
  gridId: string;
  gridPath: string[];
  gridName: string;
  kind: 'leader' | 'member' | 'support' | 'volunteer';
  party: boolean;
  expiresAt: Date;
  maxUses: number;
  uses: number;
  revoked: boolean;
  createdBy: string;
  createdAt: Date;
}

export function inviteUsable(invite: InviteRecord, now: Date): boolean {
  return (
    !invite.revoked && invite.expiresAt.getTime() > now.getTime() && invite.uses < invite.maxUses
  );
}
