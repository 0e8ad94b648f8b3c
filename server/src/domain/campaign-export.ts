import {
  chinaTime,
  FINDING_KIND_LABELS,
  formatRate,
  LETTER_STATE_LABELS,
  levelNameAt,
  OUTCOME_LABELS,
  SYMPTOM_LABELS,
  type AnswerValue,
  type ChecklistItem,
  type CoverageFigures,
  type LetterState,
  type TargetKind,
} from '@gridguard/types';
import {
  ratesOf,
  zeroCoverage,
  type AssignmentDoc,
  type CampaignDoc,
  type VisitDoc,
} from './campaigns';

/**
 * A campaign's Excel export as plain tables: which columns 排查明细 and 覆盖率 have, and what each
 * cell says, in words a village office reads (是/否, 3人, 已入户, China time). The workbook module
 * only writes the cells; the service reads the records.
 */

export type Cell = string | number;

export interface Table {
  headers: string[];
  rows: Cell[][];
}

/**
 * Where a target stands with the campaign's 责任书: households are never asked to sign, nor is
 * anyone when the campaign has no letter; the others have signed theirs or not.
 */
export function letterStateOf(
  campaign: Pick<CampaignDoc, 'kind' | 'letter'>,
  signed = false,
): LetterState {
  if (campaign.kind === 'household' || campaign.letter === null) return 'notApplicable';
  return signed ? 'signed' : 'unsigned';
}

/** An answer as a person reads it: 是/否, a number with its unit, the choice or text given. */
export function formatAnswer(item: Pick<ChecklistItem, 'kind' | 'unit'>, value: AnswerValue): Cell {
  switch (item.kind) {
    case 'yesNo':
      return value === true ? '是' : '否';
    case 'number':
      return typeof value === 'number' && !item.unit ? value : `${String(value)}${item.unit}`;
    case 'choice':
    case 'text':
      return String(value);
  }
}

/** The column that names a target, by kind. */
const TARGET_LABEL_HEADERS: Record<TargetKind, string> = {
  household: '住户地址',
  rental: '出租屋地址',
  enterprise: '企业名称',
};

const NOT_VISITED = '未走访';

/** What the export reads of a visit: its outcome, the knocks, the answers, the finding. */
export type ExportVisit = Pick<
  VisitDoc,
  | 'targetId'
  | 'round'
  | 'gridId'
  | 'label'
  | 'sortKey'
  | 'outcome'
  | 'attempts'
  | 'by'
  | 'at'
  | 'reason'
  | 'note'
  | 'answers'
  | 'finding'
  | 'followUp'
>;
/** The fields of a visit `ExportVisit` keeps, as a database projection. */
export const EXPORT_VISIT_FIELDS = {
  targetId: true,
  round: true,
  gridId: true,
  label: true,
  sortKey: true,
  outcome: true,
  attempts: true,
  by: true,
  at: true,
  reason: true,
  note: true,
  answers: true,
  finding: true,
  followUp: true,
} as const satisfies Record<keyof ExportVisit, true>;

function findingText(v: ExportVisit): string {
  if (!v.finding) return '';
  const kind = FINDING_KIND_LABELS[v.finding.kind];
  const who = [
    v.finding.personName ?? '',
    v.finding.temperature === null ? '' : `${v.finding.temperature}℃`,
    v.finding.symptoms.map((s) => SYMPTOM_LABELS[s]).join('、'),
  ].filter((part) => part !== '');
  return who.length > 0 ? `${kind}：${who.join(' ')}` : kind;
}

function followUpText(v: ExportVisit): string {
  if (!v.followUp) return '';
  return v.followUp.status === 'closed' ? `已处理：${v.followUp.note}` : '待处理';
}

/** A round's columns before its checklist: what happened at the door, in that round. */
const ROUND_COLUMNS: { header: string; cell(v: ExportVisit): Cell }[] = [
  { header: '结果', cell: (v) => OUTCOME_LABELS[v.outcome] },
  { header: '上门次数', cell: (v) => v.attempts.length },
  { header: '走访人', cell: (v) => v.by.name },
  { header: '走访时间', cell: (v) => chinaTime(v.at) },
  { header: '拒绝原因', cell: (v) => v.reason },
  { header: '发现问题', cell: findingText },
  { header: '情况说明', cell: (v) => v.note },
  { header: '问题处理', cell: followUpText },
];

/** Names from the exported node down to a node: the path columns of both sheets. */
export interface NodeNames {
  /** Level names of the columns, the exported node's level first. */
  levels: string[];
  pathOf(gridId: string): string[];
}

/**
 * The path columns for a subtree: one per level from the exported node's down to its deepest
 * node, named by the town's level names.
 */
export function nodeNames(
  top: { _id: string; depth: number },
  nodes: readonly { _id: string; name: string; ancestors: readonly string[] }[],
  levelNames: readonly string[],
): NodeNames {
  const byId = new Map(nodes.map((n) => [n._id, n]));
  const deepest = nodes.reduce((d, n) => Math.max(d, n.ancestors.length), top.depth);
  const levels = Array.from({ length: deepest - top.depth + 1 }, (_, i) =>
    levelNameAt(levelNames, top.depth + i),
  );
  return {
    levels,
    pathOf(gridId) {
      const node = byId.get(gridId);
      if (!node) return [];
      return [...node.ancestors.slice(top.depth), node._id].map((id) => byId.get(id)?.name ?? '');
    },
  };
}

const padded = (path: readonly string[], length: number) =>
  Array.from({ length }, (_, i) => path[i] ?? '');

const byNames = (a: readonly string[], b: readonly string[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    // A node before what lies under it.
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const order = x.localeCompare(y, 'zh-Hans-CN', { numeric: true });
    if (order !== 0) return order;
  }
  return 0;
};

/** Where a target is and how it is named and ordered: from the register, else from its records. */
export interface ExportPlace {
  targetId: string;
  gridId: string;
  label: string;
  sortKey: string;
}

export interface TargetTableInput {
  campaign: Pick<CampaignDoc, 'kind' | 'letter' | 'checklist' | 'round'>;
  names: NodeNames;
  /** The targets in the register under the exported node. */
  places: readonly ExportPlace[];
  assignments: readonly AssignmentDoc[];
  /** Visits of every round so far. */
  visits: readonly ExportVisit[];
  /** The targets whose 责任书 is signed. */
  signed: ReadonlySet<string>;
}

/** Cells per row of 排查明细 besides the path columns: what bounds an export's size. */
export function cellsPerTarget(campaign: Pick<CampaignDoc, 'checklist' | 'round'>): number {
  return 3 + campaign.round * (ROUND_COLUMNS.length + campaign.checklist.length);
}

/** Columns of 排查明细 for a campaign: the same for every row. */
export function targetHeaders(input: Pick<TargetTableInput, 'campaign' | 'names'>): string[] {
  const { campaign, names } = input;
  const rounds = Array.from({ length: campaign.round }, (_, i) => i + 1);
  return [
    ...names.levels,
    TARGET_LABEL_HEADERS[campaign.kind],
    '走访人员',
    '责任书',
    ...rounds.flatMap((r) => [
      ...ROUND_COLUMNS.map((c) => `第${r}轮·${c.header}`),
      ...campaign.checklist.map((item) => `第${r}轮·${item.label}`),
    ]),
  ];
}

/**
 * 排查明细: one row per target under the node, in the order of the tree and then door order. A
 * target that left the register after it was assigned or visited keeps its row: the campaign's
 * history stands. Every round so far has its outcome columns and a column per checklist item.
 */
export function targetTable(input: TargetTableInput): Table {
  const { campaign, names } = input;
  const places = new Map<string, ExportPlace>();
  const remember = (p: ExportPlace) => {
    if (!places.has(p.targetId)) places.set(p.targetId, p);
  };
  input.places.forEach(remember);
  input.assignments.forEach(remember);
  input.visits.forEach(remember);
  const assignees = new Map(input.assignments.map((a) => [a.targetId, a.assignee.name]));
  const visits = new Map(input.visits.map((v) => [`${v.round}:${v.targetId}`, v]));
  const letterOf = (targetId: string) =>
    LETTER_STATE_LABELS[letterStateOf(campaign, input.signed.has(targetId))];
  const rounds = Array.from({ length: campaign.round }, (_, i) => i + 1);
  const blankAnswers = campaign.checklist.map(() => '');

  const ordered = [...places.values()]
    .map((place) => ({ place, path: names.pathOf(place.gridId) }))
    .sort(
      (a, b) =>
        byNames(a.path, b.path) ||
        (a.place.sortKey < b.place.sortKey ? -1 : a.place.sortKey > b.place.sortKey ? 1 : 0),
    );
  const rows = ordered.map(({ place, path }): Cell[] => [
    ...padded(path, names.levels.length),
    place.label,
    assignees.get(place.targetId) ?? '',
    letterOf(place.targetId),
    ...rounds.flatMap((round): Cell[] => {
      const visit = visits.get(`${round}:${place.targetId}`);
      if (!visit) {
        return [NOT_VISITED, ...ROUND_COLUMNS.slice(1).map(() => ''), ...blankAnswers];
      }
      const answers = new Map(visit.answers.map((a) => [a.item, a.value]));
      return [
        ...ROUND_COLUMNS.map((c) => c.cell(visit)),
        ...campaign.checklist.map((item) => {
          const value = answers.get(item.id);
          return value === undefined ? '' : formatAnswer(item, value);
        }),
      ];
    }),
  ]);
  return { headers: targetHeaders(input), rows };
}

/**
 * 覆盖率: each node of the subtree (a node before its children) in each round so far, with the
 * figures and rates the coverage page shows.
 */
export function coverageTable(
  names: NodeNames,
  nodes: readonly { _id: string }[],
  byRound: ReadonlyMap<number, ReadonlyMap<string, CoverageFigures>>,
): Table {
  const headers = [
    ...names.levels,
    '轮次',
    '应访',
    '已分配',
    '已入户（含发现问题）',
    '发现问题',
    '拒绝',
    '无人在家（待回访）',
    '无人在家已达提醒次数',
    '入户率',
    '排查率',
  ];
  const ordered = nodes
    .map((n) => ({ id: n._id, path: names.pathOf(n._id) }))
    .sort((a, b) => byNames(a.path, b.path));
  const rounds = [...byRound.keys()].sort((a, b) => a - b);
  const rows = ordered.flatMap(({ id, path }) =>
    rounds.map((round): Cell[] => {
      const f = byRound.get(round)?.get(id) ?? zeroCoverage();
      const rates = ratesOf(f);
      return [
        ...padded(path, names.levels.length),
        `第${round}轮`,
        f.targets,
        f.assigned,
        rates.visited,
        f.findings,
        f.refused,
        f.noHome,
        f.flagged,
        formatRate(rates.entryRate),
        formatRate(rates.checkRate),
      ];
    }),
  );
  return { headers, rows };
}
