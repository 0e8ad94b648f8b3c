import * as v from 'valibot';
import {
  GridIdSchema,
  GridNameSchema,
  MemberKindSchema,
  PageSchema,
  type GridDetail,
  type GridNodeView,
  type MemberKind,
  type MemberView,
  type Page,
} from './grid';
import {
  ExportIdSchema,
  type AlertRow,
  type DailyReportRow,
  type DashboardNode,
  type ExportResult,
  type ExportStatus,
  type RefreshResult,
  type TrendPoint,
  type UnreadReport,
} from './daily';
import {
  AmountSchema,
  ErrandRequestSchema,
  ErrandPhotoTargetSchema,
  ErrandSettingsSchema,
  FileIdSchema,
  ReasonSchema,
  type ErrandSettingsView,
  type ErrandView,
  type VolunteerRecord,
} from './errands';
import {
  ObservationClassSchema,
  OPEN_OBSERVATION_STATUSES,
  ReportDaySchema,
  ReturnDeclarationSchema,
  SymptomsSchema,
  TemperatureSchema,
  type ObservationClass,
  type ReturnDeclaration,
  type Symptom,
} from './health';
import {
  SETUP_SCHEMAS,
  type ClinicsView,
  type Commander,
  type RulesView,
  type SetupResult,
  type SetupStatus,
} from './setup';
import { CAMPAIGN_SCHEMAS, type CampaignOutputs } from './campaigns';
import { NOTICE_SCHEMAS, type NoticeOutputs } from './notices';
import { ROTA_SCHEMAS, type RotaOutputs } from './checkpoint-rota';
import { GATE_SCHEMAS, type GateOutputs } from './checkpoint-entries';
import { LOG_SCHEMAS, type LogOutputs } from './checkpoint-log';
import { CONTACT_SCHEMAS, type ContactOutputs, type PersonToCall } from './contacts';
import { IMPORT_SCHEMAS, type ImportOutputs } from './imports';
import { REGISTER_SCHEMAS, type RegisterOutputs } from './register';
import { SEARCH_SCHEMAS, type SearchOutputs } from './search';
import { TARGET_SCHEMAS, type TargetOutputs } from './targets';
import { JOIN_REQUEST_SCHEMAS, type JoinOutcome, type JoinRequestView } from './join-requests';
import {
  AddressSchema,
  IdNumberSchema,
  PersonNameSchema,
  PhoneSchema,
  RelationSchema,
  RevealFieldSchema,
  type HouseholdView,
  type PersonView,
} from './people';
import { INVITE_CODE } from './codes';
import { codeSchema, idSchema, inputObject, textSchema } from './text';
import type { NodeTodos } from './todos';

/** A destructive action must carry an explicit confirmation from the client's dialog. */
const Confirmed = v.literal(true, '请先确认此操作');
const InviteCodeSchema = codeSchema(INVITE_CODE);
const OpenidSchema = idSchema('成员编号');
const PersonIdSchema = idSchema('居民编号');
const HouseholdIdSchema = idSchema('住户编号');
const ErrandIdSchema = idSchema('跑腿单编号');

/** Every router function's actions, each with its input schema. */
export const ACTION_SCHEMAS = {
  grids: {
    children: inputObject({ parentId: v.nullable(GridIdSchema), page: PageSchema }),
    detail: inputObject({ gridId: GridIdSchema }),
    create: inputObject({ parentId: v.nullable(GridIdSchema), name: GridNameSchema }),
    rename: inputObject({ gridId: GridIdSchema, name: GridNameSchema }),
    move: inputObject({ gridId: GridIdSchema, newParentId: GridIdSchema }),
    remove: inputObject({ gridId: GridIdSchema, confirm: Confirmed }),
    households: inputObject({ gridId: GridIdSchema, page: PageSchema }),
    /** 今日待办 of a node for its team: counts, each one tap from its list. */
    todos: inputObject({ gridId: GridIdSchema }),
  },
  members: {
    invite: inputObject({
      gridId: GridIdSchema,
      kind: MemberKindSchema,
      party: v.optional(v.boolean('请选择是否党员'), false),
      days: v.optional(
        v.pipe(
          v.number('有效期应为 1–30 天'),
          v.integer('有效期应为 1–30 天'),
          v.minValue(1, '有效期应为 1–30 天'),
          v.maxValue(30, '有效期最长 30 天'),
        ),
        7,
      ),
      maxUses: v.optional(
        v.pipe(
          v.number('使用人数应为 1–200'),
          v.integer('使用人数应为 1–200'),
          v.minValue(1, '使用人数应为 1–200'),
          v.maxValue(200, '最多 200 人使用'),
        ),
        20,
      ),
    }),
    invites: inputObject({ gridId: GridIdSchema }),
    revoke: inputObject({ code: InviteCodeSchema, confirm: Confirmed }),
    join: inputObject({
      code: InviteCodeSchema,
      name: PersonNameSchema,
      phone: v.optional(PhoneSchema),
    }),
    remove: inputObject({ gridId: GridIdSchema, openid: OpenidSchema, confirm: Confirmed }),
    /** A leader confirms someone who joined by an invite code; until then they only look. */
    confirm: inputObject({ gridId: GridIdSchema, openid: OpenidSchema, confirm: Confirmed }),
  },
  households: {
    create: inputObject({ gridId: GridIdSchema, address: AddressSchema }),
    mine: inputObject({}),
    ...JOIN_REQUEST_SCHEMAS,
    addPerson: inputObject({
      householdId: HouseholdIdSchema,
      name: PersonNameSchema,
      relation: RelationSchema,
      idNumber: v.optional(IdNumberSchema),
      phone: v.optional(PhoneSchema),
    }),
  },
  people: {
    reveal: inputObject({ personId: PersonIdSchema, field: RevealFieldSchema }),
  },
  returns: {
    declare: inputObject({ personId: PersonIdSchema, declaration: ReturnDeclarationSchema }),
    override: inputObject({
      personId: PersonIdSchema,
      class: ObservationClassSchema,
      reason: textSchema({
        min: { length: 2, message: '请填写调整原因' },
        max: { length: 100, message: '调整原因最多 100 个字' },
      }),
    }),
    status: inputObject({ personId: PersonIdSchema }),
    /** A leader gives an observed person another 关爱协管员 from the teams on their path. */
    assignCarer: inputObject({ personId: PersonIdSchema, openid: OpenidSchema }),
    /**
     * Open observations under a node: escalated first, then by class. `status: 'escalated'` is the
     * 异常提醒 list (newest alert first); `class` narrows to one class.
     */
    list: inputObject({
      gridId: GridIdSchema,
      page: PageSchema,
      status: v.optional(v.picklist(OPEN_OBSERVATION_STATUSES, '观察状态不正确')),
      class: v.optional(ObservationClassSchema),
    }),
    /** 已处理: the alerts resolved under a node, newest first. */
    resolved: inputObject({ gridId: GridIdSchema, page: PageSchema }),
    /** 解除异常: the leader checked the person and clears the fever or symptom alert. */
    resolve: inputObject({
      personId: PersonIdSchema,
      reason: textSchema({
        missing: '请填写解除原因',
        min: { length: 2, message: '请填写解除原因（至少 2 个字）' },
        max: { length: 100, message: '解除原因最多 100 个字' },
      }),
    }),
    /** 延长观察: a leader adds days to an open observation, with a reason. */
    extend: inputObject({
      personId: PersonIdSchema,
      days: v.pipe(
        v.number('延长天数应为 1–14 天'),
        v.integer('延长天数应为 1–14 天'),
        v.minValue(1, '延长天数应为 1–14 天'),
        v.maxValue(14, '一次最多延长 14 天'),
      ),
      reason: textSchema({
        missing: '请填写延长原因',
        min: { length: 2, message: '请填写延长原因（至少 2 个字）' },
        max: { length: 100, message: '延长原因最多 100 个字' },
      }),
    }),
    /** 提前解除: a leader ends an observation before its end (e.g. a negative test), confirmed. */
    endEarly: inputObject({
      personId: PersonIdSchema,
      reason: textSchema({
        missing: '请填写解除原因',
        min: { length: 2, message: '请填写解除原因（至少 2 个字）' },
        max: { length: 100, message: '解除原因最多 100 个字' },
      }),
      confirm: Confirmed,
    }),
  },
  errands: {
    request: inputObject({ personId: PersonIdSchema, request: ErrandRequestSchema }),
    cancel: inputObject({ errandId: ErrandIdSchema, reason: ReasonSchema, confirm: Confirmed }),
    pool: inputObject({ page: PageSchema }),
    claim: inputObject({ errandId: ErrandIdSchema }),
    unclaim: inputObject({ errandId: ErrandIdSchema, reason: ReasonSchema }),
    purchase: inputObject({
      errandId: ErrandIdSchema,
      amount: AmountSchema,
      receiptFileId: FileIdSchema,
    }),
    deliver: inputObject({ errandId: ErrandIdSchema, photoFileId: FileIdSchema }),
    /** Where the claimer's next proof photo goes: the server names it, under the caller's folder. */
    photoTarget: inputObject({ errandId: ErrandIdSchema, ...ErrandPhotoTargetSchema.entries }),
    /** A leader confirming on the household's behalf gives a reason. */
    confirm: inputObject({ errandId: ErrandIdSchema, reason: v.optional(ReasonSchema) }),
    mine: inputObject({ page: PageSchema }),
    claims: inputObject({ page: PageSchema }),
    contact: inputObject({ errandId: ErrandIdSchema }),
    subtree: inputObject({ gridId: GridIdSchema, page: PageSchema }),
    /** The caller's own record as a volunteer: errands delivered, by month. */
    record: inputObject({}),
    /** 跑腿设置 in force (anyone signed in: the pool shows them), with the last change. */
    settings: inputObject({}),
    /** The command centre sets the claim limit and the claim timeout. */
    configure: ErrandSettingsSchema,
  },
  reports: {
    submit: inputObject({
      personId: PersonIdSchema,
      temperature: TemperatureSchema,
      symptoms: SymptomsSchema,
      note: v.optional(
        textSchema({ max: { length: 200, message: '备注不超过 200 个字' }, multiline: true }),
        '',
      ),
    }),
    today: inputObject({ personId: PersonIdSchema }),
    missing: inputObject({ gridId: GridIdSchema, page: PageSchema }),
    /**
     * 一键提醒: those of the node's 今日未报 not yet reminded today get the subscribe message if
     * they granted one, else go on the call list; a batch a call, from `after` on.
     */
    remind: inputObject({ gridId: GridIdSchema, after: v.optional(PersonIdSchema) }),
  },
  dashboard: {
    /** A node's report for a day (the latest computed when no day is given). */
    node: inputObject({ gridId: GridIdSchema, day: v.optional(ReportDaySchema) }),
    /** Its children's reports that day, the lowest share of reports received first. */
    children: inputObject({ gridId: GridIdSchema, day: ReportDaySchema, page: PageSchema }),
    trend: inputObject({ gridId: GridIdSchema }),
    /** Escalated observations under the node, the latest alert first. */
    alerts: inputObject({ gridId: GridIdSchema, page: PageSchema }),
    /** Computes today's report for the whole tree now. */
    refresh: inputObject({ gridId: GridIdSchema }),
    export: inputObject({ gridId: GridIdSchema, day: ReportDaySchema, exportId: ExportIdSchema }),
    exportStatus: inputObject({ exportId: ExportIdSchema }),
    /** Reports sent while the caller had no message credit: shown on their next open. */
    unread: inputObject({}),
  },
  setup: SETUP_SCHEMAS,
  imports: IMPORT_SCHEMAS,
  register: REGISTER_SCHEMAS,
  search: SEARCH_SCHEMAS,
  contacts: CONTACT_SCHEMAS,
  targets: TARGET_SCHEMAS,
  campaigns: CAMPAIGN_SCHEMAS,
  notices: NOTICE_SCHEMAS,
  checkpoints: { ...ROTA_SCHEMAS, ...GATE_SCHEMAS, ...LOG_SCHEMAS },
} as const;

export interface InviteView {
  code: string;
  gridId: string;
  gridName: string;
  kind: MemberKind;
  party: boolean;
  expiresAt: string;
  maxUses: number;
  uses: number;
}

export interface JoinResult {
  gridId: string;
  gridName: string;
  kind: MemberKind;
  /** Joining twice is harmless: true when the caller was already in the node. */
  alreadyMember: boolean;
  /** Waiting for a leader to confirm: until then the member only looks, numbers masked. */
  pending: boolean;
}

/** What each action returns in `data`. */
export interface ActionOutputs {
  imports: ImportOutputs;
  register: RegisterOutputs;
  search: SearchOutputs;
  contacts: ContactOutputs;
  targets: TargetOutputs;
  campaigns: CampaignOutputs;
  notices: NoticeOutputs;
  checkpoints: RotaOutputs & GateOutputs & LogOutputs;
  setup: {
    status: SetupStatus;
    claim: SetupResult;
    levels: SetupStatus;
    rules: RulesView;
    saveRules: RulesView;
    clinics: ClinicsView;
    saveClinics: ClinicsView;
    commanders: { items: Commander[] };
    grantCommand: Commander;
    revokeCommand: { openid: string };
  };
  grids: {
    children: Page<GridNodeView>;
    detail: GridDetail;
    create: GridNodeView;
    rename: GridNodeView;
    move: GridNodeView;
    remove: { removed: true };
    households: Page<HouseholdView>;
    todos: NodeTodos;
  };
  members: {
    invite: InviteView;
    invites: InviteView[];
    revoke: { revoked: true };
    join: JoinResult;
    remove: { removed: true };
    confirm: MemberView;
  };
  households: {
    create: HouseholdView;
    mine: HouseholdView | null;
    join: JoinOutcome;
    myRequest: JoinRequestView | null;
    requests: Page<JoinRequestView>;
    approve: JoinRequestView;
    reject: JoinRequestView;
    withdraw: JoinRequestView;
    addPerson: PersonView;
  };
  people: {
    reveal: { value: string };
  };
  returns: {
    declare: ObservationView;
    override: ObservationView;
    assignCarer: ObservationView;
    status: ReturnStatus;
    list: Page<ObservedPerson>;
    resolve: ObservationView;
    resolved: Page<ResolvedAlertView>;
    extend: ObservationView;
    endEarly: ObservationView;
  };
  errands: {
    request: ErrandView;
    cancel: ErrandView;
    pool: Page<ErrandView>;
    claim: ErrandView;
    unclaim: ErrandView;
    purchase: ErrandView;
    deliver: ErrandView;
    photoTarget: { cloudPath: string };
    confirm: ErrandView;
    mine: Page<ErrandView>;
    claims: Page<ErrandView>;
    contact: { name: string; address: string; phone: string | null };
    subtree: Page<ErrandView>;
    record: VolunteerRecord;
    settings: ErrandSettingsView;
    configure: ErrandSettingsView;
  };
  reports: {
    submit: HealthReportView;
    today: { today: HealthReportView | null; yesterday: HealthReportView | null };
    missing: MissingPage;
    remind: RemindResult;
  };
  dashboard: {
    node: DashboardNode;
    children: Page<DailyReportRow>;
    trend: { points: TrendPoint[] };
    alerts: Page<AlertRow>;
    refresh: RefreshResult;
    export: ExportResult;
    exportStatus: ExportStatus;
    unread: { items: UnreadReport[] };
  };
}

export interface ObservationView {
  personId: string;
  name: string;
  status: 'observing' | 'escalated' | 'released';
  class: ObservationClass;
  reasons: string[];
  overridden: boolean;
  startDay: string;
  endDay: string;
  /** Day N of the observation today (China day), or null once released. */
  dayNumber: number | null;
  totalDays: number;
  /** The last China day a daily report was made, or null before the first. */
  lastReportDay: string | null;
  /**
   * The latest fever or symptom alert raised to the leader, kept after it is resolved, with the
   * reading that raised it (temperature null and no symptoms on alerts from before they were kept).
   */
  alert: {
    day: string;
    reason: string;
    temperature: number | null;
    symptoms: Symptom[];
    note: string;
  } | null;
  /** Who looks after the person: the 网格长 and the 关爱协管员 (names only). */
  care: { leader: string | null; carer: string | null };
}

/**
 * An observed person as the lists (观察对象, 异常提醒, 分类审核) show them to grid staff: where to
 * visit, and whom to call — the person, else the family member who registered them — with the
 * number masked (`people.reveal` gives it, audited).
 */
export interface ObservedPerson extends ObservationView {
  address: string | null;
  call: PersonToCall | null;
}

/** An alert a leader resolved: what was reported, what the check found, who checked and when. */
export interface ResolvedAlertView {
  id: string;
  personId: string;
  name: string;
  alert: NonNullable<ObservationView['alert']>;
  /** What the leader wrote when resolving it. */
  resolution: string;
  resolvedBy: string;
  /** China time, `YYYY-MM-DD HH:mm`. */
  resolvedAt: string;
}

/** A person's return as registered: the observation, and the declaration to edit it from. */
export interface ReturnStatus {
  observation: ObservationView | null;
  /** The latest registered declaration, or null before the first. */
  declaration: ReturnDeclaration | null;
}

export interface HealthReportView {
  personId: string;
  day: string;
  temperature: number;
  symptoms: Symptom[];
  note: string;
  abnormal: boolean;
  reportedAt: string;
}

export interface MissingReport {
  personId: string;
  name: string;
  householdId: string;
  gridId: string;
  class: ObservationClass;
  status: 'observing' | 'escalated';
  phoneMasked: string | null;
  lastReportDay: string | null;
  /** Today's reminder: a subscribe message, or (no credit left) a call the member should make. */
  reminded: 'message' | 'call' | null;
  /** Whom to call: the person, else the family member who registered them. */
  call: PersonToCall | null;
}

/** 今日未报 of a node: a page of people, and how today's reminders stand for all of them. */
export interface MissingPage extends Page<MissingReport> {
  /** Of everyone not reported (`total`): reminded by message, put on the call list. */
  reminded: { message: number; call: number };
}

/** One batch of 一键提醒: how many were sent a message, how many go on the call list. */
export interface RemindResult {
  messages: number;
  calls: number;
  /** Where the next batch starts; null once the whole list has been gone through. */
  after: string | null;
}

export type RouterName = keyof typeof ACTION_SCHEMAS;
export type ActionName<R extends RouterName> = keyof (typeof ACTION_SCHEMAS)[R] & string;
type SchemaOf<R extends RouterName, A extends ActionName<R>> = (typeof ACTION_SCHEMAS)[R][A];
export type ActionInput<R extends RouterName, A extends ActionName<R>> =
  SchemaOf<R, A> extends v.GenericSchema ? v.InferInput<SchemaOf<R, A>> : never;
export type ActionParsed<R extends RouterName, A extends ActionName<R>> =
  SchemaOf<R, A> extends v.GenericSchema ? v.InferOutput<SchemaOf<R, A>> : never;
export type ActionOutput<
  R extends RouterName,
  A extends ActionName<R>,
> = A extends keyof ActionOutputs[R] ? ActionOutputs[R][A] : never;

/** The event a router function receives: the action's input plus its name. */
export type ActionRequest<R extends RouterName, A extends ActionName<R>> = ActionInput<R, A> & {
  action: A;
};
