import * as v from 'valibot';
import { addDays, chinaToday, daysBetween } from './china-time';
import { GridIdSchema, PageSchema, type Page } from './grid';
import { ChinaDaySchema, SymptomsSchema, TemperatureSchema, type Symptom } from './health';
import type { SpreadsheetLink } from './imports';
import { idSchema, inputObject, textSchema } from './text';

/**
 * 洗楼 / 排查 campaigns (router `campaigns`): door-to-door rounds under a node, a checklist per
 * visit, targets assigned to members, one outcome per target per round, the revisit queue, the
 * findings the leader follows up, and coverage rolled up the tree.
 */

/** What a campaign visits: each kind is a register of its own (`targets.ts` for the last two). */
export const TARGET_KINDS = ['household', 'rental', 'enterprise'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export const TARGET_KIND_LABELS: Record<TargetKind, string> = {
  household: '住户',
  rental: '出租屋',
  enterprise: '企业',
};
/** The kinds a campaign can be started on: those whose register exists. */
export const OPEN_TARGET_KINDS: readonly TargetKind[] = ['household', 'rental', 'enterprise'];
/**
 * The kinds whose campaign may carry a 责任书: someone answers for a rental (the landlord, 谁出租谁
 * 负责) or an enterprise (its 负责人) and signs for it; a household has nobody in that role.
 */
export const LETTER_TARGET_KINDS: readonly TargetKind[] = ['rental', 'enterprise'];
/** Who signs a 责任书 at each kind of target. */
export const SIGNER_ROLE_LABELS: Partial<Record<TargetKind, string>> = {
  rental: '房东',
  enterprise: '负责人',
};
/**
 * The finding kinds a target kind can carry. An enterprise has no people of the register (its
 * 负责人 is a name and a phone), so a fever or a returnee there cannot be filed for anyone: it is
 * recorded as 其他问题 with a note, and the leader follows it up.
 */
export const FINDING_KINDS_OF: Record<TargetKind, readonly FindingKind[]> = {
  household: ['fever', 'returnee', 'other'],
  rental: ['fever', 'returnee', 'other'],
  enterprise: ['other'],
};
export const TargetKindSchema = v.picklist(TARGET_KINDS, '请选择排查对象');

export const CHECK_KINDS = ['yesNo', 'number', 'choice', 'text'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_KIND_LABELS: Record<CheckKind, string> = {
  yesNo: '是/否',
  number: '数字',
  choice: '单选',
  text: '文字',
};

/**
 * A visit's outcome. 已入户, 拒绝 and 发现问题 settle the target for the round; 无人在家 does not:
 * the door goes to the revisit queue and a later visit in the same round replaces it.
 */
export const OUTCOMES = ['entered', 'noHome', 'refused', 'finding'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  entered: '已入户',
  noHome: '无人在家',
  refused: '拒绝',
  finding: '发现问题',
};
export const SETTLED_OUTCOMES: readonly Outcome[] = ['entered', 'refused', 'finding'];

/** What a 发现问题 is about: each flows into the workflow that handles it. */
export const FINDING_KINDS = ['fever', 'returnee', 'other'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  fever: '发热或症状',
  returnee: '返乡未登记',
  other: '其他问题',
};

/** Where a target stands with the campaign's 责任书: none is asked of households. */
export const LETTER_STATES = ['signed', 'unsigned', 'notApplicable'] as const;
export type LetterState = (typeof LETTER_STATES)[number];
export const LETTER_STATE_LABELS: Record<LetterState, string> = {
  signed: '已签',
  unsigned: '未签',
  notApplicable: '不适用',
};

/** The sheets of a campaign's Excel export. */
export const CAMPAIGN_EXPORT_SHEETS = { targets: '排查明细', coverage: '覆盖率' } as const;

export const MAX_ROUNDS = 10;
export const MAX_CHECKLIST_ITEMS = 20;
export const MAX_CHOICE_OPTIONS = 8;
/** The longest a campaign may be planned for, first day to last. */
export const MAX_CAMPAIGN_DAYS = 90;
/** A campaign may be entered a few days after it began (it started on paper), or planned ahead. */
export const START_DAYS_BACK = 7;
export const START_DAYS_AHEAD = 30;
/** 无人在家 this many times in a round and the door is flagged to the leader (per campaign). */
export const DEFAULT_REVISIT_ATTEMPTS = 3;
export const MAX_REVISIT_ATTEMPTS = 10;
/** Knocks kept per target per round: a door nobody opens is the leader's business long before. */
export const MAX_ATTEMPTS_PER_ROUND = 20;
/** Hand-picked targets (包片) per call, and targets one assignment may cover. */
export const MAX_PICKED_TARGETS = 100;
export const MAX_ASSIGNED_AT_ONCE = 1000;
/** A visit made offline may be sent this long after the knock; the phone's clock may run ahead a little. */
export const MAX_KNOCK_AGE_MS = 7 * 24 * 3_600_000;
export const MAX_KNOCK_AHEAD_MS = 10 * 60_000;
/** A number answer's bounds whatever the item says: counts of people, days, degrees. */
export const ANSWER_NUMBER_LIMIT = 100_000;
/** The most targets one export writes: a bigger node is exported child by child. */
export const EXPORT_MAX_TARGETS = 20_000;
/**
 * The most cells of 排查明细 one export writes (targets × columns: each round adds its outcome
 * columns and a column per checklist item), so the file is written well inside a function's
 * time and memory.
 */
export const EXPORT_MAX_CELLS = 1_500_000;

const CampaignIdSchema = idSchema('排查编号');
const TargetIdSchema = idSchema('排查对象编号');
const OpenidSchema = idSchema('成员编号');
const PersonIdSchema = idSchema('居民编号');
const Confirmed = v.literal(true, '请先确认此操作');
const RoundSchema = v.pipe(
  v.number('轮次应为数字'),
  v.integer('轮次应为整数'),
  v.minValue(1, `轮次应为 1–${MAX_ROUNDS}`),
  v.maxValue(MAX_ROUNDS, `轮次应为 1–${MAX_ROUNDS}`),
);
const AnswerNumberSchema = v.pipe(
  v.number('请填写数字'),
  v.minValue(-ANSWER_NUMBER_LIMIT, '数字超出范围'),
  v.maxValue(ANSWER_NUMBER_LIMIT, '数字超出范围'),
);
const OptionSchema = textSchema({
  min: { length: 1, message: '选项不能为空' },
  max: { length: 12, message: '选项不超过 12 个字' },
});

/**
 * One question of the checklist as the leader writes it. `options` count only for 单选, `unit`,
 * `min` and `max` only for 数字; the server drops them elsewhere and gives each item its id.
 */
export const ChecklistItemSchema = inputObject({
  label: textSchema({
    missing: '请填写检查项',
    min: { length: 2, message: '检查项至少 2 个字' },
    max: { length: 30, message: '检查项不超过 30 个字' },
  }),
  kind: v.picklist(CHECK_KINDS, '请选择检查项的类型'),
  required: v.optional(v.boolean('请选择是否必填'), true),
  options: v.optional(
    v.pipe(
      v.array(OptionSchema, '选项格式不正确'),
      v.maxLength(MAX_CHOICE_OPTIONS, `选项最多 ${MAX_CHOICE_OPTIONS} 个`),
    ),
  ),
  unit: v.optional(textSchema({ max: { length: 6, message: '单位不超过 6 个字' } })),
  min: v.optional(AnswerNumberSchema),
  max: v.optional(AnswerNumberSchema),
});
export type ChecklistItemInput = v.InferInput<typeof ChecklistItemSchema>;

/** A question as stored and shown: its id (`q1`…) is what answers refer to. */
export interface ChecklistItem {
  id: string;
  label: string;
  kind: CheckKind;
  required: boolean;
  options: string[];
  unit: string;
  min: number | null;
  max: number | null;
}

/**
 * One answer. The field matching the item's kind carries the value (`yes` for 是/否, `number`,
 * `choice`, `text`); the server refuses any other.
 */
export const AnswerSchema = inputObject({
  item: idSchema('检查项编号'),
  yes: v.optional(v.boolean('请选择是或否')),
  number: v.optional(AnswerNumberSchema),
  choice: v.optional(OptionSchema),
  text: v.optional(
    textSchema({ max: { length: 100, message: '回答不超过 100 个字' }, multiline: true }),
  ),
});
export type AnswerInput = v.InferInput<typeof AnswerSchema>;
export type AnswerValue = boolean | number | string;
export interface Answer {
  item: string;
  value: AnswerValue;
}

/** Said when a finding names someone with a fever: the observation path takes it from there. */
export const FindingSchema = inputObject({
  kind: v.picklist(FINDING_KINDS, '请选择发现的问题'),
  personId: v.optional(PersonIdSchema),
  temperature: v.optional(TemperatureSchema),
  symptoms: v.optional(SymptomsSchema),
});
export type FindingInput = v.InferInput<typeof FindingSchema>;

const DayStartSchema = v.pipe(
  ChinaDaySchema,
  v.check(
    (day) => day >= addDays(chinaToday(), -START_DAYS_BACK),
    `开始日期最早为 ${START_DAYS_BACK} 天前`,
  ),
  v.check(
    (day) => day <= addDays(chinaToday(), START_DAYS_AHEAD),
    `开始日期最晚为 ${START_DAYS_AHEAD} 天后`,
  ),
);

const StartSchema = v.pipe(
  inputObject({
    gridId: GridIdSchema,
    /** Chosen once per form: a retry of the same form starts the same campaign. */
    key: idSchema('提交编号'),
    name: textSchema({
      missing: '请填写排查名称',
      min: { length: 2, message: '排查名称至少 2 个字' },
      max: { length: 30, message: '排查名称不超过 30 个字' },
    }),
    kind: TargetKindSchema,
    startDay: DayStartSchema,
    endDay: ChinaDaySchema,
    rounds: v.pipe(
      v.number('轮次应为数字'),
      v.integer('轮次应为整数'),
      v.minValue(1, `轮次应为 1–${MAX_ROUNDS}`),
      v.maxValue(MAX_ROUNDS, `最多 ${MAX_ROUNDS} 轮`),
    ),
    checklist: v.pipe(
      v.array(ChecklistItemSchema, '检查项格式不正确'),
      v.maxLength(MAX_CHECKLIST_ITEMS, `检查项最多 ${MAX_CHECKLIST_ITEMS} 个`),
    ),
    /** 责任书 for landlords and enterprises (rental and enterprise campaigns only), signed at the door. */
    letter: v.optional(
      textSchema({ max: { length: 2000, message: '责任书不超过 2000 个字' }, multiline: true }),
    ),
    maxAttempts: v.optional(
      v.pipe(
        v.number('回访次数应为数字'),
        v.integer('回访次数应为整数'),
        v.minValue(1, `回访次数应为 1–${MAX_REVISIT_ATTEMPTS}`),
        v.maxValue(MAX_REVISIT_ATTEMPTS, `回访次数应为 1–${MAX_REVISIT_ATTEMPTS}`),
      ),
      DEFAULT_REVISIT_ATTEMPTS,
    ),
  }),
  v.forward(
    v.check((input) => input.endDay >= input.startDay, '结束日期不能早于开始日期'),
    ['endDay'],
  ),
  v.forward(
    v.check(
      (input) => daysBetween(input.startDay, input.endDay) < MAX_CAMPAIGN_DAYS,
      `排查最长 ${MAX_CAMPAIGN_DAYS} 天`,
    ),
    ['endDay'],
  ),
);
export type StartCampaignInput = v.InferInput<typeof StartSchema>;

export const CAMPAIGN_SCHEMAS = {
  /** A leader (or the command centre) starts a campaign under a node they lead. */
  start: StartSchema,
  /**
   * Campaigns the caller can reach, newest first: those under their nodes and those above them
   * that cover their nodes. With `gridId`, those that concern that node.
   */
  list: inputObject({ gridId: v.optional(GridIdSchema), page: PageSchema }),
  detail: inputObject({ campaignId: CampaignIdSchema }),
  /** Closes round `round` and opens the next; `round` is the one the leader saw as current. */
  advance: inputObject({ campaignId: CampaignIdSchema, round: RoundSchema, confirm: Confirmed }),
  close: inputObject({ campaignId: CampaignIdSchema, confirm: Confirmed }),
  /** What an assignment can be made of under a node: its buildings and its confirmed staff. */
  assignOptions: inputObject({ campaignId: CampaignIdSchema, gridId: GridIdSchema }),
  /**
   * Targets to a member: every target under `gridId`, those of one `building` of the leaf
   * `gridId`, or the hand-picked `targetIds` under it (包片). `openid: null` takes them back.
   */
  assign: inputObject({
    campaignId: CampaignIdSchema,
    gridId: GridIdSchema,
    building: v.optional(
      textSchema({
        min: { length: 1, message: '请选择楼栋' },
        max: { length: 8, message: '楼栋不超过 8 个字' },
      }),
    ),
    targetIds: v.optional(
      v.pipe(
        v.array(TargetIdSchema, '排查对象格式不正确'),
        v.minLength(1, '请选择要分配的对象'),
        v.maxLength(MAX_PICKED_TARGETS, `一次最多指定 ${MAX_PICKED_TARGETS} 个对象`),
        v.check((ids) => new Set(ids).size === ids.length, '排查对象重复'),
      ),
    ),
    openid: v.nullable(OpenidSchema),
  }),
  /** The caller's targets, by building and door, each with its state this round. */
  mine: inputObject({ campaignId: CampaignIdSchema, page: PageSchema }),
  /** One target for the visit form: who lives there, this round's visit, who it is assigned to. */
  target: inputObject({ campaignId: CampaignIdSchema, targetId: TargetIdSchema }),
  /**
   * One visit. `clientId` is chosen by the phone when the visit is made: sending it again (a
   * retry, an offline queue flushed twice) records nothing new. `knockedAt` (ms) is when the
   * member knocked, so a visit synced later counts on the day it was made.
   */
  visit: inputObject({
    campaignId: CampaignIdSchema,
    round: RoundSchema,
    targetId: TargetIdSchema,
    clientId: idSchema('走访编号'),
    knockedAt: v.optional(
      v.pipe(
        v.number('走访时间格式不正确'),
        v.integer('走访时间格式不正确'),
        v.check(
          (at) => at >= Date.now() - MAX_KNOCK_AGE_MS && at <= Date.now() + MAX_KNOCK_AHEAD_MS,
          '走访时间不正确：离线记录须在 7 天内同步，请检查手机的日期和时间',
        ),
      ),
    ),
    outcome: v.picklist(OUTCOMES, '请选择走访结果'),
    answers: v.optional(
      v.pipe(
        v.array(AnswerSchema, '检查项回答格式不正确'),
        v.maxLength(MAX_CHECKLIST_ITEMS, '回答过多'),
      ),
    ),
    reason: v.optional(
      textSchema({
        min: { length: 2, message: '请填写拒绝原因（至少 2 个字）' },
        max: { length: 100, message: '原因最多 100 个字' },
      }),
    ),
    note: v.optional(
      textSchema({ max: { length: 200, message: '情况说明不超过 200 个字' }, multiline: true }),
    ),
    finding: v.optional(FindingSchema),
  }),
  /**
   * 回访队列: the doors found 无人在家 this round and not yet visited again. Without `gridId`
   * the caller's own; with it, every one under that node, those flagged to the leader first.
   */
  revisits: inputObject({
    campaignId: CampaignIdSchema,
    gridId: v.optional(GridIdSchema),
    page: PageSchema,
  }),
  /** A node's figures for a round (the current one by default) and its children, lowest first. */
  coverage: inputObject({
    campaignId: CampaignIdSchema,
    gridId: GridIdSchema,
    round: v.optional(RoundSchema),
    page: PageSchema,
  }),
  /** Who was given targets under a node, with how far each has come this round. */
  members: inputObject({
    campaignId: CampaignIdSchema,
    gridId: GridIdSchema,
    round: v.optional(RoundSchema),
    page: PageSchema,
  }),
  /** The doors of a leaf by building and door, each with its assignee and state; `pending`: not done. */
  doors: inputObject({
    campaignId: CampaignIdSchema,
    gridId: GridIdSchema,
    round: v.optional(RoundSchema),
    pending: v.optional(v.boolean('请选择是否只看未完成'), false),
    page: PageSchema,
  }),
  /** 发现问题 under a node, open ones (the leader's to close) or all. */
  findings: inputObject({
    campaignId: CampaignIdSchema,
    gridId: GridIdSchema,
    open: v.optional(v.boolean('请选择是否只看待处理'), true),
    page: PageSchema,
  }),
  /**
   * Excel of the campaign under its node, or under `gridId` inside it: per target every round's
   * outcome, checklist answers and 责任书 state, and the coverage per node and round. Leaders
   * over the node exported.
   */
  export: inputObject({ campaignId: CampaignIdSchema, gridId: v.optional(GridIdSchema) }),
  /** The leader closes a finding with what was done about it. */
  closeFinding: inputObject({
    campaignId: CampaignIdSchema,
    round: RoundSchema,
    targetId: TargetIdSchema,
    note: textSchema({
      missing: '请填写处理情况',
      min: { length: 2, message: '请填写处理情况（至少 2 个字）' },
      max: { length: 200, message: '处理情况不超过 200 个字' },
      multiline: true,
    }),
  }),
  /**
   * Where the phone uploads a 责任书's signature: a path the server names in the caller's own
   * folder, for this campaign and target, so nobody writes over another's file.
   */
  signatureTarget: inputObject({ campaignId: CampaignIdSchema, targetId: TargetIdSchema }),
  /**
   * The landlord or 负责人 signs the campaign's 责任书 for a target: once per target per campaign,
   * whatever the round. `letterHash` is the digest of the text the signer was shown; `fileId`
   * the uploaded signature. Sent again with the same file (a retry) it answers with the letter
   * signed; any other second signing is refused.
   */
  sign: inputObject({
    campaignId: CampaignIdSchema,
    targetId: TargetIdSchema,
    signerName: textSchema({
      missing: '请填写签署人姓名',
      min: { length: 1, message: '请填写签署人姓名' },
      max: { length: 20, message: '签署人姓名不超过 20 个字' },
    }),
    letterHash: v.pipe(
      v.string('缺少责任书版本'),
      v.regex(/^[0-9a-f]{64}$/, '责任书版本格式不正确'),
    ),
    fileId: v.pipe(
      v.string('请先签名'),
      v.minLength(1, '请先签名'),
      v.maxLength(400, '签名文件编号过长'),
      v.regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._/-]+$/, '签名文件编号格式不正确'),
    ),
  }),
  /** A target's 责任书: the text, and who signed it when, with the signature. */
  pledge: inputObject({ campaignId: CampaignIdSchema, targetId: TargetIdSchema }),
} as const;

export type CampaignStatus = 'active' | 'closed';

export interface CampaignRow {
  id: string;
  name: string;
  kind: TargetKind;
  gridId: string;
  gridName: string;
  startDay: string;
  endDay: string;
  rounds: number;
  /** The round under way (the last one, once closed). */
  round: number;
  status: CampaignStatus;
}

export interface CampaignView extends CampaignRow {
  checklist: ChecklistItem[];
  letter: string | null;
  /** The digest (`letterHashOf`) of `letter`: the version a signer is shown and signs. */
  letterHash: string | null;
  /** 无人在家 this many times in a round and the door is flagged to the leader. */
  maxAttempts: number;
  createdBy: string;
  createdAt: string;
  may: {
    /** Advance, close, assign and close findings: a leader of the campaign's node or above. */
    run: boolean;
    /** Assign targets somewhere under it: a leader of some node of the campaign. */
    assign: boolean;
    /** Record visits somewhere under it: confirmed staff of some node of the campaign. */
    visit: boolean;
  };
}

export interface FindingView {
  kind: FindingKind;
  personId: string | null;
  personName: string | null;
  temperature: number | null;
  symptoms: Symptom[];
}

export interface FollowUpView {
  status: 'open' | 'closed';
  note: string;
  by: string | null;
  at: string | null;
}

/** A target's state in one round. */
export interface VisitState {
  round: number;
  outcome: Outcome;
  /** How many times nobody was home this round. */
  noHomeCount: number;
  /** 无人在家 as often as the campaign allows: the leader is asked to step in. */
  flagged: boolean;
  by: string;
  at: string;
  reason: string;
  note: string;
  finding: FindingView | null;
  followUp: FollowUpView | null;
}

export interface VisitView extends VisitState {
  answers: Answer[];
  attempts: { outcome: Outcome; by: string; at: string }[];
}

/** A target in a list: where it is, whose it is, and how it stands this round. */
export interface TargetRow {
  id: string;
  kind: TargetKind;
  label: string;
  building: string;
  gridId: string;
  assignee: { openid: string; name: string } | null;
  visit: VisitState | null;
  /** The 责任书 at this target: null when the campaign carries none. */
  pledge: PledgeState | null;
}

export type PledgeState = 'signed' | 'unsigned';
export const PLEDGE_STATE_LABELS: Record<PledgeState, string> = {
  signed: '责任书已签',
  unsigned: '责任书未签',
};

export interface TargetDetail extends Omit<TargetRow, 'visit'> {
  campaignId: string;
  round: number;
  gridName: string;
  /**
   * Who lives there (a household's people; a rental's landlord and tenants) for a finding about
   * someone; `mayProxy`: the caller may file 返乡登记 for them (their household is in scope).
   */
  people: { id: string; name: string; relation: string; mayProxy: boolean }[];
  /** Who signs the 责任书 here (the landlord, the 负责人), null for households or when unknown. */
  signer: { name: string; role: string } | null;
  visit: VisitView | null;
}

export interface MyTargetsPage extends Page<TargetRow> {
  round: number;
  /** Settled this round, of all the caller's targets. */
  done: number;
}

/**
 * Coverage of a node in one round. 入户率 = visited / targets, where visited is 已入户 plus
 * 发现问题 (someone opened the door); 排查率 = (visited + 拒绝) / targets, every door with an
 * answer this round. 无人在家 counts toward neither until a later visit settles it. Both are null
 * with no targets.
 */
export interface CoverageFigures {
  targets: number;
  assigned: number;
  entered: number;
  findings: number;
  refused: number;
  /** 无人在家 and not yet settled this round. */
  noHome: number;
  /** Of those, the ones flagged to the leader. */
  flagged: number;
  /** 责任书 signed (any round): always 0 for a campaign without one. */
  signed: number;
}
export const COVERAGE_KEYS = [
  'targets',
  'assigned',
  'entered',
  'findings',
  'refused',
  'noHome',
  'flagged',
  'signed',
] as const satisfies readonly (keyof CoverageFigures)[];

export interface CoverageRates {
  visited: number;
  entryRate: number | null;
  checkRate: number | null;
}

export interface CoverageRow {
  id: string;
  name: string;
  /** No children: its doors and members are the next step down. */
  leaf: boolean;
  figures: CoverageFigures & CoverageRates;
}

export interface CoverageView {
  campaignId: string;
  round: number;
  rounds: number;
  node: CoverageRow;
  /** The node's children, lowest 入户率 first. */
  children: Page<CoverageRow>;
}

export interface MemberProgress {
  id: string;
  name: string;
  assigned: number;
  visited: number;
  refused: number;
  noHome: number;
  flagged: number;
}

export interface FindingRow {
  /** `${round}-${targetId}`: unique in a campaign. */
  id: string;
  round: number;
  targetId: string;
  label: string;
  gridId: string;
  finding: FindingView;
  note: string;
  by: string;
  at: string;
  followUp: FollowUpView;
}

export interface AssignOptions {
  nodeName: string;
  leaf: boolean;
  /** A leaf's buildings with how many targets each; empty above the leaves. */
  buildings: { name: string; targets: number }[];
  /** Confirmed staff of the node and the nodes above it, who may be given its targets. */
  team: { openid: string; name: string; kind: string; gridName: string }[];
}

export interface CampaignOutputs {
  start: CampaignView;
  list: Page<CampaignRow>;
  detail: CampaignView;
  advance: CampaignView;
  close: CampaignView;
  assignOptions: AssignOptions;
  assign: { assigned: number };
  mine: MyTargetsPage;
  target: TargetDetail;
  visit: VisitView;
  revisits: Page<TargetRow>;
  coverage: CoverageView;
  members: Page<MemberProgress>;
  doors: Page<TargetRow>;
  findings: Page<FindingRow>;
  closeFinding: FindingRow;
  signatureTarget: { cloudPath: string };
  sign: PledgeView;
  pledge: PledgeView;
  export: SpreadsheetLink & { targets: number; rounds: number };
}

/** A signed 责任书 as leaders and members in scope read it. */
export interface SignedPledge {
  signerName: string;
  signerRole: string;
  /** The member who held the phone. */
  witness: string;
  at: string;
  /** The signature image (`cloud://…`). */
  fileId: string;
  /** The digest of the text signed: equal to the view's `letterHash`, the text shown. */
  letterHash: string;
}

export interface PledgeView {
  campaignId: string;
  campaignName: string;
  targetId: string;
  label: string;
  /** The text signed (or to be signed) and its digest. */
  letter: string;
  letterHash: string;
  signed: SignedPledge | null;
}

/**
 * 问题跟进 of a campaign under a node, as a mini-program page path (no leading slash, as subscribe
 * messages take it): the message about a fever found at the door and the client open the same.
 */
export const campaignFindingsPagePath = (campaignId: string, gridId: string): string =>
  `pages/campaigns/findings/index?id=${encodeURIComponent(campaignId)}&gridId=${encodeURIComponent(gridId)}`;

/** A rate as the pages write it: 87%, or — with nothing to visit. */
export const formatRate = (rate: number | null): string =>
  rate === null ? '—' : `${Math.floor(rate * 100)}%`;
