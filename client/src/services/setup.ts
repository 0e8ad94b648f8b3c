import * as v from 'valibot';
import {
  LEVEL_TEMPLATES,
  normalizeCode,
  LEVEL_TEMPLATE_KEYS,
  SETUP_SCHEMAS,
  type ActionInput,
  type ClinicsView,
  type Commander,
  type FeverClinic,
  type FunctionResult,
  type LevelTemplate,
  type MemberView,
  type RiskArea,
  type RulesView,
  type SetupResult,
  type SetupStatus,
} from '@gridguard/types';
import { callAction } from './call-action';
import { getGridDetail, listChildren } from './grids';

export type { ClinicsView, Commander, FeverClinic, LevelTemplate, SetupResult, SetupStatus };
export type SetupClaim = ActionInput<'setup', 'claim'>;

/** The templates a deployer picks from, by their Chinese label, in the order the contract lists them. */
export const TEMPLATE_OPTIONS: readonly { value: LevelTemplate; label: string }[] =
  LEVEL_TEMPLATE_KEYS.map((key) => ({ value: key, label: LEVEL_TEMPLATES[key].label }));

export function templateLevels(template: LevelTemplate): string[] {
  return [...LEVEL_TEMPLATES[template].levels];
}

export const MIN_LEVELS = 2;
export const MAX_LEVELS = 8;

/** As the deployer types it: upper case, grouping spaces dropped (codes are read out in groups). */
export function normalizeSetupCode(text: string): string {
  return normalizeCode(text);
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
  return { ok: false, errors: errorsByPath(parsed.issues) };
}

/** The level names as the `levels` action checks them, errors keyed as `checkClaim` keys them. */
export function checkLevels(
  levels: string[],
): { ok: true; levels: string[] } | { ok: false; errors: Record<string, string> } {
  const parsed = v.safeParse(SETUP_SCHEMAS.levels, { levels });
  if (parsed.success) return { ok: true, levels: parsed.output.levels };
  return { ok: false, errors: errorsByPath(parsed.issues) };
}

/** The first message for each dot path: one line under each field is enough. */
function errorsByPath(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = v.getDotPath(issue) ?? '';
    errors[path] ??= issue.message;
  }
  return errors;
}

/** 初始化: the first right code makes the caller 指挥部 of a new root with these levels. */
export function claimSetup(claim: SetupClaim) {
  return callAction('setup', 'claim', claim);
}

/** The command centre renames the levels; existing nodes take the new names. */
export function renameLevels(levels: string[]) {
  return callAction('setup', 'levels', { levels });
}

/** Who is 指挥部 now (the command centre only). */
export function listCommanders() {
  return callAction('setup', 'commanders', {});
}

/** Makes a confirmed member of a top node 指挥部 too; only call after the user confirmed. */
export function grantCommand(openid: string) {
  return callAction('setup', 'grantCommand', { openid, confirm: true });
}

/** Takes 指挥部 from someone else; only call after the user confirmed. */
export function revokeCommand(openid: string) {
  return callAction('setup', 'revokeCommand', { openid, confirm: true });
}

export interface CommandTeam {
  commanders: Commander[];
  /**
   * Whom the server would let become 指挥部: confirmed members of a top node (one with no parent)
   * who are not 指挥部 yet, each once even if on several top nodes, in the order the nodes list
   * them.
   */
  candidates: MemberView[];
}

/**
 * The commanders and who may join them. The candidates repeat the server's own rule for
 * grantCommand, so the list offers only people it will accept; the server still decides.
 */
export async function commandTeam(): Promise<FunctionResult<CommandTeam>> {
  const [commanders, tops] = await Promise.all([listCommanders(), listChildren(null, 1)]);
  if (!commanders.ok) return commanders;
  if (!tops.ok) return tops;
  const details = await Promise.all(
    tops.data.items.filter((node) => node.parentId === null).map((node) => getGridDetail(node.id)),
  );
  const taken = new Set(commanders.data.items.map((commander) => commander.openid));
  const candidates: MemberView[] = [];
  for (const detail of details) {
    if (!detail.ok) return detail;
    for (const member of detail.data.members) {
      if (member.pending || taken.has(member.openid)) continue;
      taken.add(member.openid);
      candidates.push(member);
    }
  }
  return { ok: true, data: { commanders: commanders.data.items, candidates } };
}

export type RiskAreaInput = ActionInput<'setup', 'saveRules'>['riskAreas'][number];
export type { RiskArea, RulesView };

/** The 中高风险地区 and observation days in force, with who changed them last (command centre). */
export function riskAreasInForce() {
  return callAction('setup', 'rules', {});
}

/** Replaces the whole list and the observation days; only call after the user confirmed. */
export function saveRiskAreas(riskAreas: RiskAreaInput[], observationDays: number) {
  return callAction('setup', 'saveRules', { riskAreas, observationDays });
}

/** The 发热门诊 the command centre designated; anyone signed in reads them. */
export function feverClinics() {
  return callAction('setup', 'clinics', {});
}

/**
 * Checks the list with the router's schema, so each mistake shows on its row before anything is
 * sent; errors keyed `clinics.2.phone`.
 */
export function checkClinics(
  clinics: FeverClinic[],
): { ok: true; clinics: FeverClinic[] } | { ok: false; errors: Record<string, string> } {
  const parsed = v.safeParse(SETUP_SCHEMAS.saveClinics, { clinics });
  if (parsed.success) return { ok: true, clinics: parsed.output.clinics };
  return { ok: false, errors: errorsByPath(parsed.issues) };
}

/** Replaces the list whole; only call after the command centre confirmed. */
export function saveFeverClinics(clinics: FeverClinic[]) {
  return callAction('setup', 'saveClinics', { clinics });
}
