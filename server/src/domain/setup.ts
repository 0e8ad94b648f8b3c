import { createHash, timingSafeEqual } from 'node:crypto';
import type { LevelTemplate } from '@gridguard/types';
import { EMPTY_COUNTS, type GridDoc } from './records';

/** The root a first run creates; one id, so a retry after a crash cannot make a second root. */
export const ROOT_ID = 'g-root';

/** Wrong setup codes a person may enter in a China day. */
export const MAX_SETUP_MISSES_PER_DAY = 5;

/** The setup code is kept only as a digest: whoever reads the database cannot use it. */
export function digestSetupCode(code: string): string {
  return createHash('sha256').update(`gridguard-setup:${code.toUpperCase()}`).digest('hex');
}

/** Compares two digests in constant time, so timing tells nothing about a wrong code. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** The settings/setup document: the code's digest until someone uses it. */
export interface SetupDoc {
  _id: 'setup';
  codeDigest: string | null;
  usedAt: Date | null;
  usedBy: { openid: string; name: string } | null;
}

/** The deployment's levels as stored in settings/deployment. */
export interface DeploymentDoc {
  _id: 'deployment';
  template: LevelTemplate | null;
  levels: string[];
}

export function rootGrid(name: string, levels: readonly string[], at: Date): GridDoc {
  return {
    _id: ROOT_ID,
    name,
    levelName: levels[0] ?? '',
    depth: 0,
    parentId: null,
    ancestors: [],
    childCount: 0,
    counts: { ...EMPTY_COUNTS },
    leader: null,
    createdAt: at,
    updatedAt: at,
  };
}
