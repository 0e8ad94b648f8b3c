import * as v from 'valibot';
import {
  LEVEL_TEMPLATES,
  LEVEL_TEMPLATE_KEYS,
  SETUP_SCHEMAS,
  type ActionInput,
  type LevelTemplate,
  type SetupResult,
  type SetupStatus,
} from '@gridguard/types';
import { callAction } from './call-action';
import { afterWrite } from './changes';

export type { LevelTemplate, SetupResult, SetupStatus };
export type SetupClaim = ActionInput<'setup', 'claim'>;

/** The templates a deployer picks from, by their Chinese label, in the order the contract lists them. */
export const TEMPLATE_OPTIONS: readonly { value: LevelTemplate; label: string }[] =
  LEVEL_TEMPLATE_KEYS.map((key) => ({ value: key, label: LEVEL_TEMPLATES[key].label }));

export function templateLevels(template: LevelTemplate): string[] {
  return [...LEVEL_TEMPLATES[template].levels];
}

export const MIN_LEVELS = 2;
export const MAX_LEVELS = 8;

/** As the deployer types it: upper case, spaces dropped (codes are often read out in groups). */
export function normalizeSetupCode(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** 镇 → 村(社区) → 经济社党支部, the way the confirmation and the result read. */
export function levelsLine(levels: readonly string[]): string {
  return levels.join(' → ');
}

/** Whether this environment still waits for its first run; anyone may ask, signed up or not. */
export function setupStatus() {
  return callAction('setup', 'status', {});
}

/**
 * Checks a claim with the schema the router uses, so a mistake is shown under its field before
 * anything is sent (the code is burnt by one right attempt and tallied on wrong ones). Errors are
 * keyed by dot path: `code`, `levels` for the list as a whole, `levels.2` for one level.
 */
export function checkClaim(
  input: SetupClaim,
): { ok: true; claim: SetupClaim } | { ok: false; errors: Record<string, string> } {
  const parsed = v.safeParse(SETUP_SCHEMAS.claim, input);
  if (parsed.success) return { ok: true, claim: parsed.output };
  const errors: Record<string, string> = {};
  for (const issue of parsed.issues) {
    const path = v.getDotPath(issue) ?? '';
    errors[path] ??= issue.message;
  }
  return { ok: false, errors };
}

/** 初始化: the first right code makes the caller 指挥部 of a new root with these levels. */
export function claimSetup(claim: SetupClaim) {
  return afterWrite(callAction('setup', 'claim', claim));
}

/** The command centre renames the levels; existing nodes take the new names. */
export function renameLevels(levels: string[]) {
  return afterWrite(callAction('setup', 'levels', { levels }));
}
