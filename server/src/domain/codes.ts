/** No 0/O, 1/I/L: codes are read aloud and typed by people of every age. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random code of `length` characters; `random` returns [0, 1) (crypto-backed in functions). */
export function newCode(length: number, random: () => number): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return code;
}

export const INVITE_CODE_LENGTH = 8;
export const HOUSEHOLD_CODE_LENGTH = 6;

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
