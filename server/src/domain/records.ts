import type {
  CareMark,
  Classification,
  ErrandStatus,
  DailyReportRow,
  EnterpriseStatus,
  ExportPhase,
  JoinRequestStatus,
  MemberKind,
  HouseholdPlace,
  Residency,
  ReturnDeclaration,
  Role,
  SubtreeCounts,
  Symptom,
} from '@gridguard/types';
import type { CarePair } from './care';
import type { Observation } from './observation';

/** Documents as stored in the cloud database (see types/src/collections.ts). */
export interface GridDoc {
  _id: string;
  name: string;
  levelName: string;
  depth: number;
  parentId: string | null;
  ancestors: string[];
  childCount: number;
  counts: SubtreeCounts;
  leader: { openid: string; name: string; party: boolean } | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MembershipDoc {
  _id: string;
  gridId: string;
  gridPath: string[];
  openid: string;
  name: string;
  kind: MemberKind;
  party: boolean;
  phoneMasked: string | null;
  via: string | null;
  joinedAt: Date;
  /**
   * Joined by an invite code and not yet confirmed by a leader: sees the node (masked) but may do
   * nothing else. Absent on members placed before confirmation existed, who count as confirmed.
   */
  pending?: boolean;
  confirmedBy?: { openid: string; name: string; at: Date };
}

export interface UserDoc {
  _id: string;
  openid: string;
  name: string;
  roles: Role[];
  command?: boolean;
  gridId: string | null;
  gridPath: string[];
  householdId: string | null;
  personId: string | null;
}

export interface HouseholdDoc {
  _id: string;
  gridId: string;
  gridPath: string[];
  address: string;
  code: string;
  contact: { openid: string; name: string; party: boolean } | null;
  createdAt: Date;
  /** What the household is found by (domain/search.ts); absent on records from before search. */
  searchKeys?: string[];
  /** The scheme `searchKeys` were made with; absent or older: the searchIndexSweep redoes them. */
  searchKeysVersion?: number;
  /** 街道/村/小区, 楼栋, 单元, 门牌 that `address` is composed of; absent on older records. */
  place?: HouseholdPlace;
  /** Bumped by every write that puts a person into the household: removal is conditional on it. */
  rev?: number;
}

export interface PersonDoc {
  _id: string;
  householdId: string;
  gridId: string;
  gridPath: string[];
  name: string;
  relation: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  openid: string | null;
  proxy: { byOpenid: string; byName: string; at: Date } | null;
  createdAt: Date;
  /** What the person is found by (domain/search.ts); absent on records from before search. */
  searchKeys?: string[];
  /** The scheme `searchKeys` were made with; absent or older: the searchIndexSweep redoes them. */
  searchKeysVersion?: number;
  /** 户籍 / 常住 / 流动 and 重点关爱 marks, as staff recorded them; absent on older records. */
  residency?: Residency;
  care?: CareMark[];
}

export interface JoinRequestDoc {
  _id: string;
  openid: string;
  status: JoinRequestStatus;
  /** Fixed when asked: the full ID number and phone wait in personSecrets under it. */
  personId: string;
  householdId: string;
  gridId: string;
  gridPath: string[];
  address: string;
  gridName: string;
  name: string;
  relation: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: { openid: string; name: string } | null;
  reason: string;
  /**
   * The applicant is a person the household already lists (registered by staff, imported, or by
   * proxy) and not on WeChat yet: approving links them (`personId`) instead of adding a second
   * record. Their typed ID number and phone wait under `secretId` until then.
   */
  claims?: { name: string; idNumberMasked: string | null };
  secretId?: string;
}

export interface PersonSecretDoc {
  _id: string;
  idNumber: string | null;
  phone: string | null;
}

export const EMPTY_COUNTS: SubtreeCounts = { nodes: 0, households: 0, people: 0, members: 0 };

export const membershipId = (gridId: string, openid: string) => `${gridId}:${openid}`;

export interface ReturnDoc {
  _id: string;
  personId: string;
  householdId: string;
  gridId: string;
  gridPath: string[];
  declaration: ReturnDeclaration;
  classification: Classification;
  registeredBy: string;
  proxy: boolean;
  updatedAt: Date;
}

export interface ObservationDoc extends Observation {
  _id: string;
  personId: string;
  name: string;
  householdId: string;
  gridId: string;
  gridPath: string[];
  returnId: string;
  reasons: string[];
  overridden: boolean;
  lastReportDay: string | null;
  /** The 网格长 + 关爱协管员 pair looking after the person (absent on records from before). */
  care?: CarePair;
  /**
   * The latest alert raised to the leader, and whether a message reached them; with the reading
   * that raised it (absent on alerts from before they were kept), so whoever checks knows what
   * was reported even after a later report that day.
   */
  alert?: {
    day: string;
    reason: string;
    notified: boolean;
    temperature?: number;
    symptoms?: Symptom[];
    note?: string;
  };
  updatedAt: Date;
}

/** One resolved alert, written after the observation's own change (see returns.resolve). */
export interface ResolvedAlertDoc {
  _id: string;
  personId: string;
  name: string;
  householdId: string;
  gridId: string;
  gridPath: string[];
  alert: NonNullable<ObservationDoc['alert']>;
  resolution: string;
  resolvedBy: { openid: string; name: string };
  resolvedAt: Date;
}

export interface ReminderDoc {
  _id: string;
  personId: string;
  day: string;
  gridPath: string[];
  channel: 'message' | 'call' | 'pending';
  at: Date;
}

export interface HealthReportDoc {
  _id: string;
  personId: string;
  day: string;
  gridPath: string[];
  temperature: number;
  symptoms: Symptom[];
  note: string;
  abnormal: boolean;
  reportedBy: string;
  proxy: boolean;
  at: Date;
}

export interface ErrandDoc {
  _id: string;
  status: ErrandStatus;
  personId: string;
  householdId: string;
  requesterOpenid: string;
  requesterName: string;
  /**
   * The openid of the person it is for, if they use the mini-program. Errands asked before it was
   * kept lack it; such a person is of the errand's household, which settles it anyway.
   */
  personOpenid?: string | null;
  gridId: string;
  gridPath: string[];
  gridName: string;
  items: { name: string; quantity: string; note: string }[];
  budget: number;
  urgency: number;
  deliveryNote: string;
  contactless: boolean;
  claimer: { openid: string; name: string; party: boolean; at: Date } | null;
  amountSpent: number | null;
  receiptFileId: string | null;
  deliveryFileId: string | null;
  history: { at: Date; action: string; by: string; reason?: string }[];
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
}

/**
 * settings/errands: the command centre's errand limits and who changed them last. Written whole by
 * `configure`; a field missing (or the document) means the default.
 */
export interface ErrandSettingsDoc {
  _id: 'errands';
  maxActiveClaims?: number;
  claimTimeoutMinutes?: number;
  updatedAt?: Date;
  updatedBy?: { openid: string; name: string };
}

/** A grid node with only what the daily report reads. */
export type ReportNode = Pick<
  GridDoc,
  '_id' | 'name' | 'levelName' | 'depth' | 'parentId' | 'ancestors' | 'childCount'
> & {
  /** Subtree counters; a leaf's households, rentals and enterprises are a sweep's targets there. */
  counts: Pick<SubtreeCounts, 'people' | 'households' | 'rentals' | 'enterprises'>;
  leader: { openid: string; name: string } | null;
};

/** One node's daily report from one computing run, `_id` = `${runId}:${gridId}`. */
export interface DailyReportDoc extends DailyReportRow {
  _id: string;
  runId: string;
  /**
   * Due reports received, 0 to 1 (`completionOf`): children are listed lowest first. Absent on
   * reports computed before it was kept, which then sort first and by name.
   */
  completion?: number;
  /** Sorts runs by start: a later run supersedes an earlier one of the same day. */
  order: string;
  day: string;
  parentId: string | null;
  ancestors: string[];
  leader: { openid: string; name: string } | null;
}

/** The day's published run, `_id` = the China day. */
export interface ReportDayDoc {
  _id: string;
  runId: string;
  order: string;
  startedAt: Date;
  computedAt: Date;
  nodes: number;
}

export interface ExportDoc {
  _id: string;
  openid: string;
  gridId: string;
  day: string;
  phase: ExportPhase;
  done: number;
  total: number;
  fileId: string | null;
  at: Date;
}

/** A day's report for one leader of one node, `_id` = `${day}:${gridId}:${openid}`. */
export interface NoticeDoc {
  _id: string;
  day: string;
  gridId: string;
  openid: string;
  name: string;
  summary: string;
  /** pending: slot taken, not yet sent (or the run stopped); unread: no message went out. */
  channel: 'pending' | 'message' | 'unread';
  seen: boolean;
}

/** A tenant as a rental lists them: a person of the register and the lease. */
export interface TenantEntry {
  personId: string;
  leaseStart: string;
  leaseEnd: string | null;
}

/** 出租屋 on a leaf node (see domain/targets.ts). */
export interface RentalDoc {
  _id: string;
  gridId: string;
  gridPath: string[];
  place: HouseholdPlace;
  /** Composed from `place` as a household's is: unique on the node. */
  address: string;
  rooms: number;
  /** The person accountable for the rental (谁出租谁负责). */
  landlordId: string;
  tenants: TenantEntry[];
  note: string;
  /** Found by the start of the address (domain/targets.ts). */
  searchKeys: string[];
  searchKeysVersion: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every write: the tenants are rewritten only at the `rev` they were read at. */
  rev: number;
}

/** 企业 on a leaf node; the 负责人's full phone is in enterpriseSecrets. */
export interface EnterpriseDoc {
  _id: string;
  gridId: string;
  gridPath: string[];
  /** Unique on the node. */
  name: string;
  place: HouseholdPlace;
  address: string;
  leaderName: string;
  phoneMasked: string | null;
  workforce: number;
  status: EnterpriseStatus;
  note: string;
  /** Found by the start of the name or of the address (domain/targets.ts). */
  searchKeys: string[];
  searchKeysVersion: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface EnterpriseSecretDoc {
  _id: string;
  phone: string;
}
