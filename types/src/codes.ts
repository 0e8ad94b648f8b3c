/**
 * Invite and door codes as people type them. The server draws codes from CODE_ALPHABET, which
 * leaves out 0, O, 1, I and L: codes are read off a door or a screen and read aloud, and those
 * five are the ones mistaken for each other. Since none of the five is ever in a code, a typed one
 * cannot stand for a character of the code (0 and O are both absent, so neither points to the
 * other): it is explained, not guessed at. What is forgiven is what changes no character: case,
 * full-width letters and digits from a Chinese keyboard, and the spaces or dashes people put in to
 * group the characters.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** The characters the alphabet leaves out, as a message names them. */
export const LEFT_OUT_CHARACTERS = ['0', '1', 'I', 'L', 'O'] as const;

export const INVITE_CODE_LENGTH = 8;
export const HOUSEHOLD_CODE_LENGTH = 6;
export const SETUP_CODE_LENGTH = 10;

/** What a code is called and where the person can look at it again. */
export interface CodeKind {
  length: number;
  name: string;
  /** Where the printed code is, for "请对照…核对". */
  source: string;
}

export const DOOR_CODE: CodeKind = {
  length: HOUSEHOLD_CODE_LENGTH,
  name: '门牌码',
  source: '门口张贴的门牌码',
};
export const INVITE_CODE: CodeKind = {
  length: INVITE_CODE_LENGTH,
  name: '邀请码',
  source: '网格长发给您的邀请码',
};

/** Spaces (an ideographic one becomes one under NFKC) and dashes that group a code's characters. */
const GROUPING = /[ \-‐‑‒–—]/g;

/**
 * The code in what was typed: full-width forms folded to ASCII (NFKC), grouping spaces and dashes
 * dropped, upper case. Changes no character of a code, so nothing is guessed.
 */
export function normalizeCode(raw: string): string {
  return raw.normalize('NFKC').replace(GROUPING, '').toUpperCase();
}

export type CodeReading = { ok: true; code: string } | { ok: false; reason: string };

/** A typed code, normalised, or the one reason it cannot be a code of `kind`. */
export function readCode(raw: string, kind: CodeKind): CodeReading {
  const code = normalizeCode(raw);
  if (code === '') return { ok: false, reason: `请输入${kind.name}` };
  const chars = Array.from(code);
  const leftOut = LEFT_OUT_CHARACTERS.filter((c) => chars.includes(c));
  if (leftOut.length > 0) {
    const typed = leftOut.map((c) => `「${c}」`).join('');
    return {
      ok: false,
      reason: `${kind.name}里没有${typed}：为免看错，${kind.name}不用 0、1、I、L、O。请对照${kind.source}重新输入`,
    };
  }
  if (chars.some((c) => !CODE_ALPHABET.includes(c)))
    return { ok: false, reason: `${kind.name}只含字母和数字，请对照${kind.source}重新输入` };
  if (chars.length !== kind.length)
    return {
      ok: false,
      reason: `${kind.name}应为 ${kind.length} 位，您输入了 ${chars.length} 位`,
    };
  return { ok: true, code };
}
export const SETUP_CODE: CodeKind = {
  length: SETUP_CODE_LENGTH,
  name: '部署码',
  source: '部署时生成的部署码',
};
