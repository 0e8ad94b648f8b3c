import { createHash } from 'node:crypto';
import {
  COVERAGE_KEYS,
  FEVER_THRESHOLD_C,
  FINDING_KIND_LABELS,
  FINDING_KINDS_OF,
  TARGET_KIND_LABELS,
  MAX_ATTEMPTS_PER_ROUND,
  OUTCOME_LABELS,
  SETTLED_OUTCOMES,
  type Answer,
  type AnswerInput,
  type CampaignRow,
  type CampaignStatus,
  type ChecklistItem,
  type ChecklistItemInput,
  type CoverageFigures,
  type CoverageRates,
  type CoverageRow,
  type FindingInput,
  type FindingKind,
  type FindingView,
  type FollowUpView,
  type HouseholdPlace,
  type MemberProgress,
  type Outcome,
  type Symptom,
  type TargetKind,
  type VisitState,
  type VisitView,
} from '@gridguard/types';
import { AppError } from './errors';
import { cloudPathOf, PHOTO_ROOT } from './photos';
import { rollUpKeys, type RollupNode } from './rollup';
import type { Actor } from './policy';

/**
 * 洗楼 / 排查 campaigns in plain TypeScript: what a campaign and a visit are, the checklist and
 * its answers, the rule that keeps one outcome per target per round, the revisit queue's flag,
 * the door order, and the coverage arithmetic rolled up the tree.
 */

export interface Person {
  openid: string;
  name: string;
}

/** The caller as a campaign's records name them: the name they are known by in the grid. */
export const campaignPerson = (actor: Actor): Person => ({
  openid: actor.openid,
  name: actor.name || actor.memberships.find((m) => m.name)?.name || '网格员',
});

export interface CampaignDoc {
  _id: string;
  name: string;
  kind: TargetKind;
  gridId: string;
  gridPath: string[];
  gridName: string;
  startDay: string;
  endDay: string;
  rounds: number;
  /** The round under way, 1 to `rounds`; the last one stays current once closed. */
  round: number;
  status: CampaignStatus;
  checklist: ChecklistItem[];
  letter: string | null;
  maxAttempts: number;
  createdBy: Person;
  createdAt: Date;
  updatedAt: Date;
  history: { event: 'start' | 'advance' | 'close'; round: number; by: Person; at: Date }[];
}

export interface AssignmentDoc {
  /** `${campaignId}:${targetId}`. */
  _id: string;
  campaignId: string;
  kind: TargetKind;
  targetId: string;
  gridId: string;
  gridPath: string[];
  label: string;
  building: string;
  sortKey: string;
  assignee: Person;
  assignedBy: string;
  at: Date;
}

export interface FindingDoc {
  kind: FindingKind;
  personId: string | null;
  personName: string | null;
  temperature: number | null;
  symptoms: Symptom[];
}

export interface FollowUpDoc {
  status: 'open' | 'closed';
  note: string;
  by: Person | null;
  at: Date | null;
}

/** One knock on the door, known by the id the phone gave it. */
export interface AttemptDoc {
  clientId: string;
  outcome: Outcome;
  by: Person;
  at: Date;
}

/** A target's outcome in one round: `_id` = `${campaignId}:${round}:${targetId}`. */
export interface VisitDoc {
  _id: string;
  campaignId: string;
  round: number;
  kind: TargetKind;
  targetId: string;
  gridId: string;
  gridPath: string[];
  label: string;
  building: string;
  sortKey: string;
  /** Whose target it was when visited (kept current by a reassignment during the round). */
  assignee: string | null;
  outcome: Outcome;
  noHomeCount: number;
  flagged: boolean;
  answers: Answer[];
  reason: string;
  note: string;
  finding: FindingDoc | null;
  followUp: FollowUpDoc | null;
  by: Person;
  at: Date;
  attempts: AttemptDoc[];
  /** Bumped by every change: a change is written only over the state it was decided on. */
  rev: number;
  /** What the visit set off outside this document (a fever's report) is not known to be done. */
  pendingEffects: boolean;
}

export const assignmentId = (campaignId: string, targetId: string) => `${campaignId}:${targetId}`;
export const visitId = (campaignId: string, round: number, targetId: string) =>
  `${campaignId}:${round}:${targetId}`;

/** The campaign a start form makes: a retry (same leader, same form key) finds the same id. */
export function campaignIdFor(openid: string, key: string): string {
  return `c-${createHash('sha256').update(`campaign:${openid}:${key}`).digest('hex').slice(0, 20)}`;
}

// ---- targets: the one interface a kind of target implements ------------------------------------

/** Where a target is, as lists show and sort it. */
export interface TargetSpot {
  label: string;
  building: string;
  unit: string;
  door: string;
}

/**
 * What the engine needs of a kind of target besides its records' `gridId`/`gridPath`: how to
 * name one and where it is in its building.
 */
export interface TargetKindSpec<T> {
  kind: TargetKind;
  spot(record: T): TargetSpot;
}

export const householdTargets: TargetKindSpec<{
  address: string;
  place?: HouseholdPlace | undefined;
}> = {
  kind: 'household',
  spot: (h) => spotOfPlace(h.address, h.place),
};

const spotOfPlace = (label: string, place: HouseholdPlace | undefined): TargetSpot => ({
  label,
  building: place?.building ?? '',
  unit: place?.unit ?? '',
  door: place?.door ?? '',
});

/** A rental is walked to like a household: by its address's building, unit and door. */
export const rentalTargets: TargetKindSpec<{
  address: string;
  place?: HouseholdPlace | undefined;
}> = {
  kind: 'rental',
  spot: (r) => spotOfPlace(r.address, r.place),
};

/** An enterprise is known by its name; it is still walked to by building and door. */
export const enterpriseTargets: TargetKindSpec<{
  name?: string | undefined;
  address: string;
  place?: HouseholdPlace | undefined;
}> = {
  kind: 'enterprise',
  spot: (e) => spotOfPlace(e.name ? `${e.name}（${e.address}）` : e.address, e.place),
};

/** Digit runs padded, so 2 comes before 10 (2栋 before 10栋, 9号 before 10号). */
const natural = (text: string) => text.replace(/\d+/g, (digits) => digits.padStart(10, '0'));

/**
 * The order a member walks: building, unit, door, then the label (a household without those
 * parts sorts by its address, numbers in it counted as numbers), then the id to keep it stable.
 */
export function sortKeyOf(spot: TargetSpot, id: string): string {
  return [spot.building, spot.unit, spot.door, spot.label].map(natural).concat(id).join('\u0001');
}

// ---- the checklist and its answers -----------------------------------------------------------------

const invalid = (message: string) => new AppError('INVALID_INPUT', message);

/** The checklist as stored: ids given, fields of other kinds dropped, each item consistent. */
export function checklistFrom(items: readonly ChecklistItemInput[]): ChecklistItem[] {
  const labels = new Set<string>();
  return items.map((item, index) => {
    const label = item.label;
    if (labels.has(label)) throw invalid(`检查项「${label}」重复`);
    labels.add(label);
    const options = item.kind === 'choice' ? [...new Set(item.options ?? [])] : [];
    if (item.kind === 'choice' && options.length < 2) {
      throw invalid(`「${label}」至少需要 2 个不同的选项`);
    }
    const number = item.kind === 'number';
    const min = number ? (item.min ?? null) : null;
    const max = number ? (item.max ?? null) : null;
    if (min !== null && max !== null && min > max) {
      throw invalid(`「${label}」的最小值不能大于最大值`);
    }
    return {
      id: `q${index + 1}`,
      label,
      kind: item.kind,
      required: item.required ?? true,
      options,
      unit: number ? (item.unit ?? '') : '',
      min,
      max,
    };
  });
}

function valueOf(item: ChecklistItem, answer: AnswerInput): Answer['value'] {
  const given = (['yes', 'number', 'choice', 'text'] as const).filter(
    (k) => answer[k] !== undefined,
  );
  const field = { yesNo: 'yes', number: 'number', choice: 'choice', text: 'text' }[item.kind];
  if (given.length !== 1 || given[0] !== field) throw invalid(`「${item.label}」的回答不正确`);
  switch (item.kind) {
    case 'yesNo':
      return answer.yes as boolean;
    case 'number': {
      const n = answer.number as number;
      if (item.min !== null && n < item.min) throw invalid(`「${item.label}」不能小于 ${item.min}`);
      if (item.max !== null && n > item.max) throw invalid(`「${item.label}」不能大于 ${item.max}`);
      return n;
    }
    case 'choice': {
      const choice = answer.choice as string;
      if (!item.options.includes(choice))
        throw invalid(`「${item.label}」没有「${choice}」这个选项`);
      return choice;
    }
    case 'text': {
      const text = answer.text as string;
      if (!text) throw invalid(`请填写「${item.label}」`);
      return text;
    }
  }
}

/**
 * Answers checked against the checklist, in its order: each for an item of it, once, of the
 * item's kind and range; with `complete`, every required item answered.
 */
export function answersFor(
  checklist: readonly ChecklistItem[],
  answers: readonly AnswerInput[],
  complete: boolean,
): Answer[] {
  const byItem = new Map<string, AnswerInput>();
  for (const answer of answers) {
    if (!checklist.some((item) => item.id === answer.item)) throw invalid('回答了不存在的检查项');
    if (byItem.has(answer.item)) throw invalid('同一检查项回答了两次');
    byItem.set(answer.item, answer);
  }
  const out: Answer[] = [];
  for (const item of checklist) {
    const answer = byItem.get(item.id);
    if (!answer) {
      if (complete && item.required) throw invalid(`请回答「${item.label}」`);
      continue;
    }
    out.push({ item: item.id, value: valueOf(item, answer) });
  }
  return out;
}

// ---- a visit -----------------------------------------------------------------------------------------

export interface VisitInput {
  outcome: Outcome;
  answers?: readonly AnswerInput[] | undefined;
  reason?: string | undefined;
  note?: string | undefined;
  finding?: FindingInput | undefined;
}

/** What a visit records besides who and when, once its input is consistent with its outcome. */
export interface VisitRecord {
  outcome: Outcome;
  answers: Answer[];
  reason: string;
  note: string;
  finding: Omit<FindingDoc, 'personName'> | null;
}

export const isSettled = (outcome: Outcome) => SETTLED_OUTCOMES.includes(outcome);

/**
 * A visit's fields checked against its outcome: 已入户 answers every required item; 无人在家
 * and 拒绝 answer nothing, 拒绝 says why; 发现问题 says what and may answer what it could. A fever
 * names the person and gives a temperature of 37.3℃ or more, or a symptom.
 */
export function visitRecordFrom(
  input: VisitInput,
  checklist: readonly ChecklistItem[],
  kind: TargetKind,
): VisitRecord {
  const { outcome } = input;
  const answered = (input.answers ?? []).length > 0;
  if ((outcome === 'noHome' || outcome === 'refused') && answered) {
    throw invalid(`「${OUTCOME_LABELS[outcome]}」不填写检查项`);
  }
  if (outcome !== 'refused' && input.reason !== undefined)
    throw invalid('只有「拒绝」需要填写原因');
  if (outcome === 'refused' && !input.reason) throw invalid('请填写拒绝原因');
  if (outcome !== 'finding' && input.finding !== undefined) {
    throw invalid('只有「发现问题」需要选择问题类型');
  }
  const record: VisitRecord = {
    outcome,
    answers: answersFor(checklist, input.answers ?? [], outcome === 'entered'),
    reason: input.reason ?? '',
    note: input.note ?? '',
    finding: null,
  };
  if (outcome !== 'finding') return record;
  const finding = input.finding;
  if (!finding) throw invalid('请选择发现的问题');
  if (!FINDING_KINDS_OF[kind].includes(finding.kind)) {
    throw invalid(
      `${TARGET_KIND_LABELS[kind]}没有登记的居民，「${FINDING_KIND_LABELS[finding.kind]}」请选择「其他问题」并在说明中写明`,
    );
  }
  if ([...record.note].length < 2) throw invalid('请说明发现的问题（至少 2 个字）');
  const symptoms = finding.symptoms ?? [];
  const temperature = finding.temperature ?? null;
  if (finding.kind !== 'fever' && (temperature !== null || symptoms.length > 0)) {
    throw invalid('体温和症状只在「发热或症状」时填写');
  }
  if (finding.kind === 'fever') {
    // Filed as the person's 一日一报, which takes a measured temperature.
    if (!finding.personId) throw invalid('请选择发热或有症状的居民');
    if (temperature === null) throw invalid('请填写测量的体温');
    if (temperature < FEVER_THRESHOLD_C && symptoms.length === 0) {
      throw invalid(`体温 ${FEVER_THRESHOLD_C}℃ 以下时请选择症状`);
    }
  }
  return {
    ...record,
    finding: { kind: finding.kind, personId: finding.personId ?? null, temperature, symptoms },
  };
}

/** A fever found at the door: reported as the person's 一日一报 (and so to their observation). */
export function feverReport(
  finding: Pick<FindingDoc, 'kind' | 'personId' | 'temperature' | 'symptoms'> | null,
): { personId: string; temperature: number; symptoms: Symptom[] } | null {
  if (finding?.kind !== 'fever' || finding.personId === null || finding.temperature === null) {
    return null;
  }
  return {
    personId: finding.personId,
    temperature: finding.temperature,
    symptoms: finding.symptoms,
  };
}

export interface Knock {
  clientId: string;
  record: VisitRecord;
  personName: string | null;
  by: Person;
  at: Date;
}

export type VisitDecision =
  /** This knock was recorded already (a retry, a queue sent twice): nothing to write. */
  | { type: 'replay' }
  /** The round's first knock on this door. */
  | { type: 'create'; doc: VisitDoc }
  /** A later knock after 无人在家: written only if the document is still at `rev`. */
  | { type: 'update'; doc: VisitDoc; rev: number }
  /** The round is settled for this door (or it has been knocked on too often): refused. */
  | { type: 'conflict'; message: string };

export interface VisitTarget {
  campaignId: string;
  round: number;
  kind: TargetKind;
  targetId: string;
  gridId: string;
  gridPath: string[];
  label: string;
  building: string;
  sortKey: string;
  assignee: string | null;
}

/**
 * One outcome per target per round. The first settling outcome (已入户, 拒绝, 发现问题) stands:
 * any later knock with another client id is refused, whoever makes it. 无人在家 is provisional:
 * another 无人在家 adds a knock (the door is flagged once it has been found empty `maxAttempts`
 * times), and a settling outcome replaces it, keeping the knocks. Two members at the same door at
 * once are decided by the conditional write: the one whose write lands second sees the first's
 * state and is judged against it.
 */
export function decideVisit(
  existing: VisitDoc | null,
  target: VisitTarget,
  knock: Knock,
  maxAttempts: number,
): VisitDecision {
  const same = (a: AttemptDoc) => a.clientId === knock.clientId && a.by.openid === knock.by.openid;
  if (existing?.attempts.some(same)) return { type: 'replay' };
  if (existing && isSettled(existing.outcome)) {
    return {
      type: 'conflict',
      message: `本轮该户已由${existing.by.name}记录为「${OUTCOME_LABELS[existing.outcome]}」`,
    };
  }
  if (existing && existing.attempts.length >= MAX_ATTEMPTS_PER_ROUND) {
    return { type: 'conflict', message: '本轮上门次数已达上限，请网格长处理' };
  }
  const { record } = knock;
  const noHomeCount = (existing?.noHomeCount ?? 0) + (record.outcome === 'noHome' ? 1 : 0);
  const attempt: AttemptDoc = {
    clientId: knock.clientId,
    outcome: record.outcome,
    by: knock.by,
    at: knock.at,
  };
  const doc: VisitDoc = {
    _id: visitId(target.campaignId, target.round, target.targetId),
    ...target,
    outcome: record.outcome,
    noHomeCount,
    flagged: record.outcome === 'noHome' && noHomeCount >= maxAttempts,
    answers: record.answers,
    reason: record.reason,
    note: record.note,
    finding: record.finding && { ...record.finding, personName: knock.personName },
    followUp:
      record.outcome === 'finding' ? { status: 'open', note: '', by: null, at: null } : null,
    by: knock.by,
    at: knock.at,
    attempts: [...(existing?.attempts ?? []), attempt],
    rev: (existing?.rev ?? 0) + 1,
    pendingEffects: feverReport(record.finding) !== null,
  };
  return existing ? { type: 'update', doc, rev: existing.rev } : { type: 'create', doc };
}

// ---- coverage -------------------------------------------------------------------------------------------

export const zeroCoverage = (): CoverageFigures => ({
  targets: 0,
  assigned: 0,
  entered: 0,
  findings: 0,
  refused: 0,
  noHome: 0,
  flagged: 0,
  signed: 0,
});

export type LeafCounts = { gridId: string; figures: Partial<CoverageFigures> }[];

/** Per-leaf counts of several queries (targets, assignments, visits) added into one map. */
export function mergeLeafCounts(
  parts: readonly LeafCounts[],
): Map<string, Partial<CoverageFigures>> {
  const own = new Map<string, Partial<CoverageFigures>>();
  for (const rows of parts) {
    for (const row of rows) {
      const target = own.get(row.gridId) ?? {};
      for (const key of COVERAGE_KEYS) {
        const value = row.figures[key];
        if (value !== undefined) target[key] = (target[key] ?? 0) + value;
      }
      own.set(row.gridId, target);
    }
  }
  return own;
}

/** Every node's coverage: what was counted on its leaves, added up the tree. */
export function rollUpCoverage(
  nodes: readonly RollupNode[],
  own: ReadonlyMap<string, Partial<CoverageFigures>>,
): Map<string, CoverageFigures> {
  return rollUpKeys(nodes, own, COVERAGE_KEYS, zeroCoverage);
}

/** 入户率 and 排查率 (see CoverageFigures); null when there is nothing to visit. */
export function ratesOf(f: CoverageFigures): CoverageRates {
  const visited = f.entered + f.findings;
  return {
    visited,
    entryRate: f.targets > 0 ? visited / f.targets : null,
    checkRate: f.targets > 0 ? (visited + f.refused) / f.targets : null,
  };
}

/**
 * The command centre's order: the lowest 入户率 first (where the work is), then the lowest
 * 排查率, then by name; nodes with nothing to visit last.
 */
export function lowestFirst(rows: readonly CoverageRow[]): CoverageRow[] {
  const rank = (rate: number | null) => (rate === null ? Number.POSITIVE_INFINITY : rate);
  return [...rows].sort(
    (a, b) =>
      rank(a.figures.entryRate) - rank(b.figures.entryRate) ||
      rank(a.figures.checkRate) - rank(b.figures.checkRate) ||
      a.name.localeCompare(b.name, 'zh-Hans-CN') ||
      a.id.localeCompare(b.id),
  );
}

export interface MemberCounts {
  openid: string;
  name?: string;
  assigned?: number;
  visited?: number;
  refused?: number;
  noHome?: number;
  flagged?: number;
}

/**
 * Each member's progress from the counts per assignee of their assignments and of the round's
 * visits; the least advanced first (most doors left), then by name.
 */
export function memberProgress(parts: readonly (readonly MemberCounts[])[]): MemberProgress[] {
  const byId = new Map<string, MemberProgress>();
  for (const rows of parts) {
    for (const row of rows) {
      const entry = byId.get(row.openid) ?? {
        id: row.openid,
        name: '',
        assigned: 0,
        visited: 0,
        refused: 0,
        noHome: 0,
        flagged: 0,
      };
      if (row.name) entry.name = row.name;
      entry.assigned += row.assigned ?? 0;
      entry.visited += row.visited ?? 0;
      entry.refused += row.refused ?? 0;
      entry.noHome += row.noHome ?? 0;
      entry.flagged += row.flagged ?? 0;
      byId.set(row.openid, entry);
    }
  }
  const left = (m: MemberProgress) => m.assigned - m.visited - m.refused;
  return [...byId.values()].sort(
    (a, b) =>
      left(b) - left(a) || a.name.localeCompare(b.name, 'zh-Hans-CN') || a.id.localeCompare(b.id),
  );
}

// ---- 责任书 ------------------------------------------------------------------------------------------

/**
 * A signed 责任书, one per target per campaign (`_id` = `${campaignId}:${targetId}`), whatever the
 * round. The text is the campaign's (no action changes it once started); `letterHash` names the
 * version signed, so a letter is never shown against a text it was not signed for.
 */
export interface PledgeDoc {
  _id: string;
  campaignId: string;
  kind: TargetKind;
  targetId: string;
  gridId: string;
  gridPath: string[];
  label: string;
  letterHash: string;
  signerName: string;
  signerRole: string;
  fileId: string;
  /** The member who held the phone. */
  by: Person;
  at: Date;
}

export const pledgeId = (campaignId: string, targetId: string) => `${campaignId}:${targetId}`;

/** The version of a 责任书's text: what the signer was shown is what is recorded as signed. */
export const letterHashOf = (letter: string): string =>
  createHash('sha256').update(letter, 'utf8').digest('hex');

/** Signatures are pictures like proof photos: in the uploader's own folder, named by the server. */
const SIGNATURE_ROOT = PHOTO_ROOT;

/** A name part for this campaign and target (ids may be long; a file name may not). */
const signatureStem = (campaignId: string, targetId: string) =>
  `pledge-${createHash('sha256').update(`${campaignId}:${targetId}`).digest('hex').slice(0, 20)}`;

export function signaturePath(
  openid: string,
  campaignId: string,
  targetId: string,
  nonce: string,
): string {
  return `${SIGNATURE_ROOT}/${openid}/${signatureStem(campaignId, targetId)}-${nonce}.png`;
}

/** True when the file is one the server named for this caller, campaign and target. */
export function isOwnSignature(
  fileId: string,
  openid: string,
  campaignId: string,
  targetId: string,
): boolean {
  const path = cloudPathOf(fileId);
  const prefix = `${SIGNATURE_ROOT}/${openid}/${signatureStem(campaignId, targetId)}-`;
  return (
    path !== null && path.startsWith(prefix) && /^[a-z0-9]+\.png$/.test(path.slice(prefix.length))
  );
}

// ---- views ---------------------------------------------------------------------------------------------

export function toCampaignRow(c: CampaignDoc): CampaignRow {
  return {
    id: c._id,
    name: c.name,
    kind: c.kind,
    gridId: c.gridId,
    gridName: c.gridName,
    startDay: c.startDay,
    endDay: c.endDay,
    rounds: c.rounds,
    round: c.round,
    status: c.status,
  };
}

const toFindingView = (f: FindingDoc): FindingView => ({
  kind: f.kind,
  personId: f.personId,
  personName: f.personName,
  temperature: f.temperature,
  symptoms: f.symptoms,
});

export const toFollowUpView = (f: FollowUpDoc): FollowUpView => ({
  status: f.status,
  note: f.note,
  by: f.by?.name ?? null,
  at: f.at ? f.at.toISOString() : null,
});

export function toVisitState(v: VisitDoc): VisitState {
  return {
    round: v.round,
    outcome: v.outcome,
    noHomeCount: v.noHomeCount,
    flagged: v.flagged,
    by: v.by.name,
    at: v.at.toISOString(),
    reason: v.reason,
    note: v.note,
    finding: v.finding && toFindingView(v.finding),
    followUp: v.followUp && toFollowUpView(v.followUp),
  };
}

export function toVisitView(v: VisitDoc): VisitView {
  return {
    ...toVisitState(v),
    answers: v.answers,
    attempts: v.attempts.map((a) => ({
      outcome: a.outcome,
      by: a.by.name,
      at: a.at.toISOString(),
    })),
  };
}
