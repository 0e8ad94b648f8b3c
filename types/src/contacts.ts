import * as v from 'valibot';
import { GridIdSchema, PageSchema, type MemberKind, type Page } from './grid';
import type { ObservationClass } from './health';
import { idSchema, inputObject } from './text';

/**
 * The party grid's own links (router `contacts`): 户联系 (a party member is the contact of
 * households) and 关爱协管员 (a carer of an observed person), each with their own list.
 */

/** At most this many households get a contact in one call (a leaf node's page or several). */
export const MAX_CONTACT_BATCH = 100;

const HouseholdIdSchema = idSchema('住户编号');

export const CONTACT_SCHEMAS = {
  /** The confirmed party members of the node and its ancestors: who may contact its households. */
  candidates: inputObject({ gridId: GridIdSchema }),
  /** A leader names (or, with `openid: null`, clears) the contact of one or several households. */
  assign: inputObject({
    householdIds: v.pipe(
      v.array(HouseholdIdSchema, '请选择住户'),
      v.minLength(1, '请至少选择 1 户'),
      v.maxLength(MAX_CONTACT_BATCH, `一次最多指定 ${MAX_CONTACT_BATCH} 户`),
    ),
    openid: v.nullable(idSchema('党员编号')),
  }),
  /** 我联系的住户: the caller's households, with today's status of each person. */
  mine: inputObject({ page: PageSchema }),
  /** The confirmed team on an observed person's path: whom a leader may make their 关爱协管员. */
  carers: inputObject({ personId: idSchema('居民编号') }),
  /** 我照看的居家观察对象: the open observations whose 关爱协管员 is the caller. */
  cared: inputObject({ page: PageSchema }),
  /** A resident's household today: each person's report and observation, and whom to call. */
  family: inputObject({}),
  /** The full phone of the grid member a resident calls (户联系, else 网格长): audited. */
  callStaff: inputObject({}),
} as const;

/** Someone a leader may pick: a party member for 户联系, a team member for 关爱协管员. */
export interface ContactCandidate {
  openid: string;
  name: string;
  kind: MemberKind;
  party: boolean;
  /** The node whose team they are in (the nearest on the path when in several). */
  gridId: string;
  gridName: string;
}

/**
 * One person's standing today: not under observation; under observation with nothing due yet (an
 * arrival registered for tomorrow); reported today (normal); not yet reported today; or abnormal
 * (escalated, or today's report had a fever or symptoms).
 */
export type CareStatus = 'none' | 'observing' | 'reported' | 'notReported' | 'abnormal';

export const CARE_STATUS_LABELS: Record<CareStatus, string> = {
  none: '',
  observing: '观察中',
  reported: '今日已报',
  notReported: '今日未报',
  abnormal: '异常',
};

/** How many of a household's people stand so today: its tags (观察中 / 今日未报 / 异常). */
export interface HouseholdTags {
  /** Under observation at all (every status but none): 观察中. */
  observing: number;
  notReported: number;
  abnormal: number;
}

export interface ContactPerson {
  id: string;
  name: string;
  relation: string;
  phoneMasked: string | null;
  /** The caller may reveal the phone to call (`people.reveal`, audited). */
  mayRevealPhone: boolean;
  status: CareStatus;
  /** Day N of M of an open observation, or null when not under observation. */
  observation: { class: ObservationClass; dayNumber: number; totalDays: number } | null;
}

export interface ContactHousehold {
  id: string;
  address: string;
  gridId: string;
  gridName: string;
  people: ContactPerson[];
  tags: HouseholdTags;
}

export interface CaredPerson {
  personId: string;
  name: string;
  address: string;
  gridName: string;
  class: ObservationClass;
  status: CareStatus;
  dayNumber: number;
  totalDays: number;
  lastReportDay: string | null;
  phoneMasked: string | null;
  mayRevealPhone: boolean;
}

/**
 * Whom staff call about a person: the person, else the family member who registered them (an
 * elderly parent without a phone); the number masked until `people.reveal` (audited).
 */
export interface PersonToCall {
  personId: string;
  name: string;
  phoneMasked: string;
  /** The person themself, not a family member. */
  self: boolean;
}

/** The grid member a resident calls: their household's 户联系, else the nearest 网格长. */
export interface StaffToCall {
  name: string;
  role: '户联系' | '网格长';
  /** A phone is on record: `contacts.callStaff` reveals it (audited). */
  callable: boolean;
}

/** One person of the caller's household, today. */
export interface FamilyMemberToday {
  personId: string;
  name: string;
  relation: string;
  /** The caller themself. */
  self: boolean;
  status: CareStatus;
  /** Today's report, if made. */
  report: { temperature: number; abnormal: boolean } | null;
  /** Day N of M of an open observation, or null when not under observation. */
  observation: { class: ObservationClass; dayNumber: number; totalDays: number } | null;
}

/** A resident's household on home: who has reported today, who is observed, whom to call. */
export interface FamilyToday {
  day: string;
  address: string;
  /** The caller first, then the household in its own order. */
  people: FamilyMemberToday[];
  staff: StaffToCall | null;
}

export interface ContactOutputs {
  candidates: { items: ContactCandidate[] };
  assign: { updated: number; contact: { name: string; party: boolean } | null };
  mine: Page<ContactHousehold>;
  carers: { items: ContactCandidate[]; current: string | null };
  cared: Page<CaredPerson>;
  /** Null for someone in no household. */
  family: FamilyToday | null;
  callStaff: { name: string; phone: string };
}
