import * as v from 'valibot';
import {
  DirectionSchema,
  MAX_PASSENGERS,
  SiteIdSchema,
  type Direction,
  type EntryKind,
  type EntryOutcome,
  type ResidentLookup,
  type SiteKind,
} from './checkpoints';
import { PageSchema, type Page } from './grid';
import { ChinaDaySchema, RegionCodeSchema, TemperatureSchema } from './health';
import { HouseholdCodeSchema } from './join-requests';
import { PersonNameSchema, PhoneSchema } from './people';
import type { FeverClinic } from './setup';
import { idSchema, inputObject, textSchema } from './text';

/**
 * 卡口 (router `checkpoints`): 通行码, outsiders' forms by the site QR, the gate's log, fevers turned back.
 */

/**
 * A 通行码 as the phone shows it: `<personId>.<issued, base36 ms>.<nonce>.<signature>`. Ids never
 * hold a dot, so the parts split unambiguously; the shape is checked here, the signature by the server.
 */
export const PASS_PATTERN =
  /^[A-Za-z0-9_-]{1,64}\.[0-9a-z]{1,12}\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{43}$/;
export const PassTokenSchema = v.pipe(
  v.string('请扫描通行码'),
  v.trim(),
  v.regex(PASS_PATTERN, '这不是本系统的通行码'),
);

export const EntryIdSchema = v.pipe(
  v.string('缺少记录编号'),
  v.maxLength(130, '记录编号过长'),
  v.regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/, '记录编号格式不正确'),
);
export const FormIdSchema = idSchema('登记表编号');
/** The secret the site's printed QR carries. */
export const SiteTokenSchema = idSchema('卡口二维码');

/** A car's plate as people type it: letters upper-cased, spaces and dots dropped. */
export const PlateSchema = v.pipe(
  v.string('请填写车牌号'),
  v.transform((s: string) => s.normalize('NFKC').replace(/[ ·.]/g, '').toUpperCase()),
  v.regex(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{4,6}$/, '车牌号格式不正确，如 粤A12345'),
);
export const PassengersSchema = v.pipe(
  v.number('请填写车上人数'),
  v.integer('车上人数应为整数'),
  v.minValue(1, '车上至少 1 人（含司机）'),
  v.maxValue(MAX_PASSENGERS, `车上人数不超过 ${MAX_PASSENGERS} 人`),
);
const PurposeSchema = textSchema({
  min: { length: 2, message: '请填写来访事由' },
  max: { length: 40, message: '来访事由不超过 40 个字' },
});
const PlaceNameSchema = textSchema({
  min: { length: 2, message: '请选择出发地' },
  max: { length: 40, message: '出发地不超过 40 个字' },
});
const DestinationAddressSchema = textSchema({
  min: { length: 2, message: '请填写去往的地址' },
  max: { length: 60, message: '地址不超过 60 个字' },
});
export const AnnotationSchema = textSchema({
  min: { length: 2, message: '请填写备注（至少 2 个字）' },
  max: { length: 200, message: '备注不超过 200 个字' },
});
/** Annotations one entry may gather: a correction or two, never a chat. */
export const MAX_ANNOTATIONS = 20;

export const OutsiderFormSchema = v.pipe(
  inputObject({
    siteId: SiteIdSchema,
    token: SiteTokenSchema,
    name: PersonNameSchema,
    phone: PhoneSchema,
    fromCode: RegionCodeSchema,
    fromName: PlaceNameSchema,
    /** The household visited, by its door code; or, without one, where they are going in words. */
    destCode: v.optional(HouseholdCodeSchema),
    destAddress: v.optional(DestinationAddressSchema),
    purpose: PurposeSchema,
    staying: v.boolean('请说明是否留宿'),
    plate: v.optional(PlateSchema),
    passengers: v.optional(PassengersSchema),
  }),
  v.check(
    (f) => f.destCode !== undefined || f.destAddress !== undefined,
    '请填写去往住户的门牌码或地址',
  ),
);

export const LogSchema = v.pipe(
  inputObject({
    siteId: SiteIdSchema,
    clientId: idSchema('登记编号'),
    kind: v.picklist(['resident', 'outsider', 'vehicle'], '请选择登记类型'),
    direction: DirectionSchema,
    temperature: TemperatureSchema,
    personId: v.optional(idSchema('居民编号')),
    via: v.optional(v.picklist(['code', 'name', 'pass'], '查找方式不正确')),
    pass: v.optional(PassTokenSchema),
    formId: v.optional(FormIdSchema),
    vehicle: v.optional(inputObject({ plate: PlateSchema, passengers: PassengersSchema })),
  }),
  // What a kind needs must be there; a field another kind uses is not read.
  v.check((e) => {
    if (e.kind === 'resident')
      return e.via === 'pass'
        ? e.pass !== undefined
        : e.via !== undefined && e.personId !== undefined;
    if (e.kind === 'outsider') return e.formId !== undefined;
    return e.formId !== undefined || e.vehicle !== undefined;
  }, '登记内容与类型不符：居民需门牌码、姓名或通行码，外来人员需登记表，车辆需车牌和人数'),
);
export type LogInput = v.InferOutput<typeof LogSchema>;

export const GATE_SCHEMAS = {
  /** A resident's own 通行码, or one for a family member they registered or who has no WeChat. */
  pass: inputObject({ personId: v.optional(idSchema('居民编号')) }),
  /** Staff at the gate find residents under the site's node: by door code, name or 通行码. */
  findResident: v.pipe(
    inputObject({
      siteId: SiteIdSchema,
      code: v.optional(HouseholdCodeSchema),
      name: v.optional(
        textSchema({
          min: { length: 1, message: '请输入姓名' },
          max: { length: 20, message: '姓名不超过 20 个字' },
        }),
      ),
      pass: v.optional(PassTokenSchema),
      page: PageSchema,
    }),
    // A scanned pass is the surest, then the door code, then the name: the first given is used.
    v.check(
      (q) => q.code !== undefined || q.name !== undefined || q.pass !== undefined,
      '请输入门牌码、姓名或扫描通行码',
    ),
  ),
  /** What the site's QR opens for anyone: the site's name and kind. */
  outsiderSite: inputObject({ siteId: SiteIdSchema, token: SiteTokenSchema }),
  outsiderSubmit: OutsiderFormSchema,
  /** Outsiders' forms waiting at a site, newest first. */
  outsiderWaiting: inputObject({ siteId: SiteIdSchema, page: PageSchema }),
  log: LogSchema,
  annotate: inputObject({ entryId: EntryIdSchema, text: AnnotationSchema }),
  entries: inputObject({ siteId: SiteIdSchema, day: v.optional(ChinaDaySchema), page: PageSchema }),
  fevers: inputObject({ gridId: idSchema('网格编号'), page: PageSchema }),
  revealOutsiderPhone: inputObject({ entryId: EntryIdSchema }),
} as const;

export interface PassView {
  token: string;
  personId: string;
  /** The name as the resident's own household sees it. */
  name: string;
  issuedAt: string;
  expiresAt: string;
}

/** Flags that matter at a gate. */
export interface ResidentFlags {
  /** 居家观察中: should not be going out. */
  observing: boolean;
  /** 异常: an observation escalated. */
  abnormal: boolean;
}

export interface ResidentHit {
  personId: string;
  householdId: string;
  /** Masked as the register masks names for staff lists (王*英). */
  name: string;
  address: string;
  flags: ResidentFlags;
}

export interface OutsiderSiteView {
  siteId: string;
  name: string;
  kind: SiteKind;
  kindLabel: string;
}

export interface OutsiderSubmitted {
  formId: string;
  /** The short number the outsider shows the staff member. */
  number: string;
  expiresAt: string;
  /** The destination household's address, masked, when a door code was given. */
  destAddress: string;
}

export interface OutsiderFormView {
  /** The form's id, as every paged list names its rows. */
  id: string;
  formId: string;
  number: string;
  name: string;
  phoneMasked: string;
  fromName: string;
  /** 来自风险地区, by the risk areas in force now. */
  fromRisk: boolean;
  destAddress: string;
  purpose: string;
  staying: boolean;
  plate: string | null;
  passengers: number;
  createdAt: string;
}

export interface LogResult {
  entryId: string;
  outcome: EntryOutcome;
  fever: boolean;
  replay: boolean;
  clinics?: FeverClinic[];
  returnPrompt?: { householdId: string; address: string };
}

export interface EntryView {
  id: string;
  siteId: string;
  siteName: string;
  at: string;
  day: string;
  kind: EntryKind;
  direction: Direction;
  temperature: number;
  fever: boolean;
  outcome: EntryOutcome;
  /** Who passed, masked: a resident's name and address, an outsider's name and origin, a plate. */
  who: string;
  detail: string;
  via: ResidentLookup | null;
  people: number;
  by: string;
  annotations: { by: string; at: string; text: string }[];
  /** An outsider's phone can be revealed (audited). */
  phoneMasked: string | null;
}

export interface GateOutputs {
  pass: PassView;
  findResident: Page<ResidentHit>;
  outsiderSite: OutsiderSiteView;
  outsiderSubmit: OutsiderSubmitted;
  outsiderWaiting: Page<OutsiderFormView>;
  log: LogResult;
  annotate: EntryView;
  entries: Page<EntryView>;
  fevers: Page<EntryView>;
  revealOutsiderPhone: { phone: string };
}
