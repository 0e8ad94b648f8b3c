import * as v from 'valibot';
import { daysBetween } from './china-time';
import { SiteIdSchema, LOG_EXPORT_MAX_DAYS } from './checkpoints';
import { GridIdSchema, PageSchema } from './grid';
import { ChinaDaySchema } from './health';
import type { SpreadsheetLink } from './imports';
import { inputObject } from './text';

/**
 * 卡口 (router `checkpoints`): counts per shift, site and day; the log's Excel export.
 */

/** One counts query covers at most this many China days, both ends included. */
export const COUNTS_MAX_DAYS = 31;

/** What is counted for a shift, a site or a day. */
export const GATE_COUNT_KEYS = [
  'in',
  'out',
  'residents',
  'outsiders',
  'vehicles',
  'vehiclePeople',
  'turnedBack',
  'uncovered',
] as const;
export type GateCountKey = (typeof GATE_COUNT_KEYS)[number];
export type GateCounts = Record<GateCountKey, number>;

export const GATE_COUNT_LABELS: Record<GateCountKey, string> = {
  in: '进',
  out: '出',
  residents: '居民',
  outsiders: '外来人员',
  vehicles: '车辆',
  vehiclePeople: '车上人数',
  turnedBack: '发热劝返',
  uncovered: '未排满班次',
};

export const zeroGateCounts = (): GateCounts =>
  Object.fromEntries(GATE_COUNT_KEYS.map((k) => [k, 0])) as GateCounts;

interface DayRange {
  from: string;
  to: string;
}
const dayRange = <T extends DayRange>(max: number, message: string) =>
  v.check<T, string>(
    (input) => input.from > input.to || daysBetween(input.from, input.to) + 1 <= max,
    message,
  );
const orderedDays = <T extends DayRange>() =>
  v.check<T, string>((input) => input.from <= input.to, '开始日期不能晚于结束日期');

export const LOG_SCHEMAS = {
  /**
   * Counts of one site (per day and per shift) or of a node's sites (per day and per site, a page
   * of sites at a time) over China days `from`..`to`. Confirmed staff over the site or node.
   * Both given: the site's, opened from that node's list, so it must lie on or under it.
   */
  counts: v.pipe(
    inputObject({
      siteId: v.optional(SiteIdSchema),
      gridId: v.optional(GridIdSchema),
      from: ChinaDaySchema,
      to: ChinaDaySchema,
      page: PageSchema,
    }),
    v.check(
      (input) => input.siteId !== undefined || input.gridId !== undefined,
      '请选择一个卡口或一个网格',
    ),
    orderedDays(),
    dayRange(COUNTS_MAX_DAYS, `一次最多查看 ${COUNTS_MAX_DAYS} 天`),
  ),
  /** 导出 Excel of a site's log over China days: leaders over the site, masked and audited. */
  exportLog: v.pipe(
    inputObject({ siteId: SiteIdSchema, from: ChinaDaySchema, to: ChinaDaySchema }),
    orderedDays(),
    dayRange(LOG_EXPORT_MAX_DAYS, `一次最多导出 ${LOG_EXPORT_MAX_DAYS} 天`),
  ),
} as const;

/** One day's counts (of a site, or of every site under a node). */
export interface DayCounts {
  day: string;
  counts: GateCounts;
}

/** One shift's counts: its crew as planned beside what passed while it was on. */
export interface ShiftCounts {
  shiftId: string;
  day: string;
  start: string;
  end: string;
  need: number;
  filled: number;
  counts: GateCounts;
}

/** One site's counts over the range. */
export interface SiteCounts {
  siteId: string;
  name: string;
  gridName: string;
  counts: GateCounts;
}

export interface CountsView {
  from: string;
  to: string;
  /** What was asked for: one site, or a node's sites. */
  scope:
    { kind: 'site'; siteId: string; name: string } | { kind: 'grid'; gridId: string; name: string };
  /** The whole range. */
  totals: GateCounts;
  /** Every day of the range, oldest first, days without anything included. */
  days: DayCounts[];
  /** A site's shifts in the range (empty for a node); entries outside any shift count in days only. */
  shifts: ShiftCounts[];
  /** A node's sites, a page at a time, by name (empty for a site). */
  sites: SiteCounts[];
  page: number;
  pageSize: number;
  /** Sites under the node (1 for a site). */
  totalSites: number;
  /** Leaders over it may export the log. */
  canExport: boolean;
}

export interface LogOutputs {
  counts: CountsView;
  exportLog: SpreadsheetLink & { entries: number };
}
