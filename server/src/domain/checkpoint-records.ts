import type {
  CrewSource,
  Direction,
  EntryKind,
  EntryOutcome,
  ResidentLookup,
  ShiftPlanItem,
  SiteKind,
} from '@gridguard/types';

/**
 * 卡口 records as stored: the shapes the rota, the gate's log and the 日报's counts all read.
 * Every record carries the site's `gridPath` (root … the site's node), so scope and the per-leaf
 * counts work as they do for every other record.
 */

export interface CheckpointPerson {
  openid: string;
  name: string;
}

export interface SiteDoc {
  /** `cs-` + a digest of the leader's openid and the form's key. */
  _id: string;
  name: string;
  kind: SiteKind;
  /** Where it is, as people at the gate would say it (村口东侧, 2 号门). */
  place: string;
  /** The node the site belongs to, its path, its name when created. */
  gridId: string;
  gridPath: string[];
  gridName: string;
  /** The day's shifts, in order of start; their indexes name the shifts (`shiftIdOf`). */
  plan: ShiftPlanItem[];
  /** Bumped at each change of the plan: shifts made from an older plan keep their crew. */
  planVersion: number;
  /**
   * The secret the site's printed QR carries: an outsider's form must quote it, so a form cannot
   * be filed for a site by its id alone. A new one retires the printed QR.
   */
  qrToken: string;
  status: 'open' | 'closed';
  /**
   * The last China day the site's shifts were made for: the rotaTopUp timer makes the days after
   * it as they come into the rota's window. Absent on sites stored before it was kept.
   */
  shiftsThrough?: string;
  createdBy: CheckpointPerson;
  createdAt: Date;
  updatedAt: Date;
}

/** One person on a shift. */
export interface CrewDoc {
  openid: string;
  name: string;
  source: CrewSource;
  /** Who put them there (themselves, or the leader who filled the gap). */
  by: string;
  at: Date;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  /** The reminder before the shift went to them (or they had no consent left): never twice. */
  remindedAt: Date | null;
}

/** A site's shift on one China day: `_id` = `shiftIdOf(siteId, day, index)`. */
export interface ShiftDoc {
  _id: string;
  siteId: string;
  siteName: string;
  gridId: string;
  gridPath: string[];
  /** The China day the shift starts on (a night shift ends the next morning). */
  day: string;
  index: number;
  start: string;
  end: string;
  startAt: Date;
  endAt: Date;
  need: number;
  crew: CrewDoc[];
  /** `crew.length`, kept beside it so a sign-up's condition and the counts read one number. */
  filled: number;
  /** 1 while `filled < need`: the 日报 sums it per leaf as 未排满班次. */
  uncovered: 0 | 1;
  planVersion: number;
  /** Bumped at every change of the crew: writes are conditional on the `rev` they read. */
  rev: number;
}

export interface ResidentPassage {
  personId: string;
  householdId: string;
  /** The name as the register masks it for staff lists (王*英). */
  name: string;
  address: string;
  via: ResidentLookup;
}

export interface OutsiderPassage {
  formId: string | null;
  /** The form's `rev` confirmed: its full phone is `outsiderSecrets` `${formId}:${formRev}`. */
  formRev: number;
  name: string;
  phoneMasked: string;
  /** 统计用区划代码 of where they came from, with its names. */
  fromCode: string;
  fromName: string;
  /** Their origin was a risk area (`RiskArea`) when they passed. */
  fromRisk: boolean;
  destHouseholdId: string | null;
  destAddress: string;
  purpose: string;
  /** Staying overnight or longer: with `fromRisk`, the household is prompted into 返乡登记. */
  staying: boolean;
}

export interface VehiclePassage {
  plate: string;
  /** People in it, the driver included. */
  passengers: number;
}

export interface EntryAnnotation {
  by: CheckpointPerson;
  at: Date;
  text: string;
}

/**
 * One passage through a gate: `_id` = `entryIdOf(siteId, clientId)`. Nobody edits it; the server
 * only clears `effectsPending`, and staff append annotations.
 */
export interface EntryDoc {
  _id: string;
  siteId: string;
  siteName: string;
  gridId: string;
  gridPath: string[];
  /** The China day of `at`. */
  day: string;
  at: Date;
  /** The shift the member was checked in on, if any. */
  shiftId: string | null;
  kind: EntryKind;
  direction: Direction;
  temperature: number;
  fever: boolean;
  outcome: EntryOutcome;
  resident: ResidentPassage | null;
  outsider: OutsiderPassage | null;
  vehicle: VehiclePassage | null;
  /** People this entry stands for: 1, or a vehicle's passengers. */
  people: number;
  by: CheckpointPerson;
  annotations: EntryAnnotation[];
  /**
   * A fever whose alert and report have not been sent yet: true from the write until they are,
   * so a retry after a crash in between sends them. Absent on entries that never had any.
   */
  effectsPending?: boolean;
}

/** What an outsider filled in on their own phone, waiting at the gate (`outsiderForms`). */
export interface OutsiderFormDoc {
  _id: string;
  siteId: string;
  gridId: string;
  gridPath: string[];
  openid: string;
  name: string;
  phoneMasked: string;
  fromCode: string;
  fromName: string;
  destHouseholdId: string | null;
  destAddress: string;
  purpose: string;
  staying: boolean;
  plate: string | null;
  passengers: number;
  status: 'waiting' | 'confirmed' | 'expired';
  createdAt: Date;
  expiresAt: Date;
  /** The entry its confirmation wrote. */
  entryId: string | null;
  /**
   * Bumped by each submission (one form per outsider and site, `outsiderFormIdOf`): a
   * confirmation is conditional on the `rev` the staff member saw, and names the phone's secret.
   */
  rev: number;
}
