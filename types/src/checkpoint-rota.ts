import * as v from 'valibot';
import { GridIdSchema, PageSchema, type Page } from './grid';
import { ChinaDaySchema } from './health';
import {
  ShiftIdSchema,
  ShiftPlanSchema,
  SiteIdSchema,
  SiteKindSchema,
  SiteNameSchema,
  type CrewSource,
  type ShiftPlanItem,
  type SiteKind,
} from './checkpoints';
import { idSchema, inputObject, textSchema } from './text';

/**
 * 卡口 (router `checkpoints`): sites, shift plans, the rota, sign-up, 补位, duty check-in and out, reminders.
 */

const Confirmed = v.literal(true, '请先确认此操作');
const OpenidSchema = idSchema('成员编号');
const PlaceSchema = textSchema({
  missing: '请填写卡口位置',
  min: { length: 2, message: '请填写卡口位置（至少 2 个字）' },
  max: { length: 40, message: '卡口位置不超过 40 个字' },
});

/** The outsider's page the site's printed QR opens (the gate part's page reads `site` and `t`). */
export const OUTSIDER_PAGE = 'pages/checkpoints/outsider/index';
export const outsiderQrPath = (siteId: string, token: string): string =>
  `${OUTSIDER_PAGE}?site=${siteId}&t=${token}`;
/** The page the shift reminder opens. */
export const MY_SHIFTS_PAGE = 'pages/checkpoints/my-shifts/index';
/** The days one rota read shows: a week. */
export const ROTA_VIEW_DAYS = 7;

export const ROTA_SCHEMAS = {
  /**
   * A leader sets up a site under a node they lead; its shifts for the coming days are made at
   * once. `key` is chosen once per form: a retry of the same form answers with the same site.
   */
  createSite: inputObject({
    gridId: GridIdSchema,
    key: idSchema('提交编号'),
    name: SiteNameSchema,
    kind: SiteKindSchema,
    place: PlaceSchema,
    plan: ShiftPlanSchema,
  }),
  /** A node's sites the caller may staff or run: on it, below it, and above it. */
  sites: inputObject({ gridId: GridIdSchema, page: PageSchema }),
  /** One site; its QR only for those who run it. */
  site: inputObject({ siteId: SiteIdSchema }),
  /** Name, place or plan: a new plan applies from the day after tomorrow, crewed shifts stay. */
  editSite: inputObject({
    siteId: SiteIdSchema,
    name: v.optional(SiteNameSchema),
    place: v.optional(PlaceSchema),
    plan: v.optional(ShiftPlanSchema),
  }),
  closeSite: inputObject({ siteId: SiteIdSchema, confirm: Confirmed }),
  /** A new QR for outsiders' forms: the printed one stops working (forms waiting stay). */
  renewQr: inputObject({ siteId: SiteIdSchema, confirm: Confirmed }),
  /** A site's shifts for a week from `from` (default today), with their crew. */
  rota: inputObject({ siteId: SiteIdSchema, from: v.optional(ChinaDaySchema) }),
  /** The uncovered shifts of the sites under a node, soonest first: the leader's gap list. */
  uncovered: inputObject({ gridId: GridIdSchema, page: PageSchema }),
  signUp: inputObject({ shiftId: ShiftIdSchema }),
  leave: inputObject({ shiftId: ShiftIdSchema, confirm: Confirmed }),
  /** 补位: a leader puts a confirmed staff member on a shift that has not ended. */
  fill: inputObject({ shiftId: ShiftIdSchema, openid: OpenidSchema }),
  unfill: inputObject({ shiftId: ShiftIdSchema, openid: OpenidSchema, confirm: Confirmed }),
  /** Each staff member over the site's node with their hours this week (Mon–Sun, China time). */
  staffLoad: inputObject({ siteId: SiteIdSchema }),
  /** 我的班次: the caller's shifts, those not yet ended first. */
  myShifts: inputObject({ page: PageSchema }),
  checkIn: inputObject({ shiftId: ShiftIdSchema }),
  checkOut: inputObject({ shiftId: ShiftIdSchema }),
  /**
   * A crew member's phone, to call them: for leaders over the site and for the shift's own crew.
   * Every reveal is audited.
   */
  callCrew: inputObject({ shiftId: ShiftIdSchema, openid: OpenidSchema }),
} as const;

export interface SiteRow {
  id: string;
  name: string;
  kind: SiteKind;
  place: string;
  gridId: string;
  gridName: string;
  status: 'open' | 'closed';
  plan: ShiftPlanItem[];
  /** The caller may run it (plans, 补位) / staff it (sign up, check in). */
  may: { run: boolean; duty: boolean };
}

export interface SiteView extends SiteRow {
  createdBy: string;
  /** Only for those who run the site: the printed QR's secret and the page it opens. */
  qrToken: string | null;
  qrPath: string | null;
}

export interface CrewView {
  openid: string;
  name: string;
  source: CrewSource;
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

export type DutyState = 'upcoming' | 'present' | 'absent' | 'onDuty';

export interface ShiftView {
  id: string;
  siteId: string;
  siteName: string;
  gridName?: string;
  day: string;
  start: string;
  end: string;
  startAt: string;
  endAt: string;
  need: number;
  filled: number;
  uncovered: boolean;
  crew: CrewView[];
  /** The caller is on its crew. */
  mine: boolean;
  /** The caller's own place on it, with their check-in and check-out. */
  me: CrewView | null;
  /** The last China day a member may sign up for or leave it themselves. */
  changeUntil: string;
  /** Members may still change it themselves (today ≤ changeUntil). */
  open: boolean;
  /** It has ended: nobody changes its crew any more. */
  ended: boolean;
  /** Check in / out may be pressed now (for the caller, if on the crew). */
  checkInOpen: boolean;
  checkOutOpen: boolean;
}

export interface RotaView {
  site: SiteRow;
  from: string;
  to: string;
  /** By day and start; for those who run the site, uncovered shifts not ended come first. */
  shifts: ShiftView[];
}

export interface LoadRow {
  openid: string;
  name: string;
  /** Minutes of shifts this week (Mon–Sun, China time) across every site. */
  minutes: number;
  shifts: number;
}

export interface StaffLoadView {
  weekStart: string;
  weekEnd: string;
  rows: LoadRow[];
}

export interface RotaOutputs {
  createSite: SiteView;
  sites: Page<SiteRow>;
  site: SiteView;
  editSite: SiteView;
  closeSite: SiteView;
  renewQr: SiteView;
  rota: RotaView;
  uncovered: Page<ShiftView>;
  signUp: ShiftView;
  leave: ShiftView;
  fill: ShiftView;
  unfill: ShiftView;
  staffLoad: StaffLoadView;
  myShifts: Page<ShiftView>;
  checkIn: ShiftView;
  checkOut: ShiftView;
  callCrew: { name: string; phone: string };
}
