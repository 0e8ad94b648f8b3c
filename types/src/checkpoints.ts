import * as v from 'valibot';
import { idSchema, textSchema } from './text';

/**
 * 卡口 checkpoints (router `checkpoints`): the contract every part shares. Sites under a node
 * with their hours and shift plan; shifts a day each, crewed by staff who sign up; the entry log
 * (residents, outsiders, vehicles) with the temperature taken at the gate. The actions' own
 * schemas live beside their parts: `checkpoint-rota.ts` (sites, shifts, duty) and
 * `checkpoint-entries.ts` (passes, outsiders' forms, the log, its counts and export).
 */

/** What kind of place a checkpoint is: the words the 2020 reports use. */
export const SITE_KINDS = ['village', 'estate', 'road', 'other'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];
export const SITE_KIND_LABELS: Record<SiteKind, string> = {
  village: '村口',
  estate: '小区门岗',
  road: '路口',
  other: '其他卡口',
};
export const SiteKindSchema = v.picklist(SITE_KINDS, '请选择卡口类型');

/** Who passed: a resident of the register, someone from outside, or a vehicle with its people. */
export const ENTRY_KINDS = ['resident', 'outsider', 'vehicle'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  resident: '居民',
  outsider: '外来人员',
  vehicle: '车辆',
};

export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DIRECTION_LABELS: Record<Direction, string> = { in: '进', out: '出' };
export const DirectionSchema = v.picklist(DIRECTIONS, '请选择进出方向');

/** A fever (≥ FEVER_THRESHOLD_C) is turned back and guided to the 发热门诊; the rest pass. */
export const ENTRY_OUTCOMES = ['passed', 'turnedBack'] as const;
export type EntryOutcome = (typeof ENTRY_OUTCOMES)[number];
export const ENTRY_OUTCOME_LABELS: Record<EntryOutcome, string> = {
  passed: '放行',
  turnedBack: '劝返',
};

/** How a resident at the gate was found. */
export const RESIDENT_LOOKUPS = ['code', 'name', 'pass'] as const;
export type ResidentLookup = (typeof RESIDENT_LOOKUPS)[number];
export const RESIDENT_LOOKUP_LABELS: Record<ResidentLookup, string> = {
  code: '门牌码',
  name: '姓名',
  pass: '通行码',
};

/** A crew member's place on a shift: signed up themselves, or put there by a leader (补位). */
export const CREW_SOURCES = ['self', 'leader'] as const;
export type CrewSource = (typeof CREW_SOURCES)[number];

/** Limits of a site's plan: shifts in a day, people a shift needs. */
export const MAX_SHIFTS_PER_DAY = 6;
export const MAX_CREW_PER_SHIFT = 20;
/** The longest one shift may be: nobody should be planned for a longer stretch than this. */
export const MAX_SHIFT_HOURS = 12;
/** Shifts exist (and may be signed up for) this many China days ahead, today included. */
export const ROTA_DAYS_AHEAD = 14;
/**
 * A member may sign up for, or leave, a shift until the China day before it starts; from then on
 * only a leader changes its crew (补位), so the gate is never left short the same morning.
 */
export const CHANGE_DEADLINE_DAYS_BEFORE = 1;
/** Check in this long before a shift starts, check out this long after it ends. */
export const CHECK_IN_EARLY_MS = 60 * 60_000;
export const CHECK_OUT_LATE_MS = 4 * 3_600_000;
/** The reminder before a shift: sent once, this long before it starts. */
export const SHIFT_REMINDER_LEAD_MS = 2 * 3_600_000;

/**
 * A resident's 通行码: issued by the server to the person (or the household member showing it),
 * good for a short while and for one entry only, so a screenshot passed on is worth nothing.
 */
export const PASS_TTL_MS = 60_000;
/** The phone asks for a fresh pass this often, well inside its lifetime. */
export const PASS_REFRESH_MS = 30_000;
/** An outsider's self-filled form waits this long for a member at the gate to confirm it. */
export const OUTSIDER_FORM_TTL_MS = 2 * 3_600_000;
/** Passengers one vehicle entry may carry, the driver included. */
export const MAX_PASSENGERS = 9;
/** A log export covers at most this many China days, and this many entries. */
export const LOG_EXPORT_MAX_DAYS = 31;
export const LOG_EXPORT_MAX_ENTRIES = 50_000;

/** `HH:mm` on the 24-hour clock, China time. */
export const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const ClockSchema = v.pipe(
  v.string('请填写时间'),
  v.regex(CLOCK_PATTERN, '时间格式应为 时:分，如 07:00'),
);

/** Minutes after China midnight for a `HH:mm` clock. */
export function clockMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * A shift's length in minutes: a shift whose end is not after its start runs past midnight
 * (22:00–06:00 is eight hours), so a 24-hour gate is planned as shifts that wrap.
 */
export function shiftMinutes(start: string, end: string): number {
  const span = clockMinutes(end) - clockMinutes(start);
  return span > 0 ? span : span + 24 * 60;
}

export const SiteIdSchema = idSchema('卡口编号');
export const ShiftIdSchema = v.pipe(
  v.string('班次编号格式不正确'),
  v.regex(/^[A-Za-z0-9_-]+:\d{4}-\d{2}-\d{2}:\d$/, '班次编号格式不正确'),
);
export const SiteNameSchema = textSchema({
  min: { length: 2, message: '请填写卡口名称（至少 2 个字）' },
  max: { length: 30, message: '卡口名称不超过 30 个字' },
});

/** One shift of a site's day: when, and how many people it needs. */
export const ShiftPlanItemSchema = v.pipe(
  v.strictObject(
    {
      start: ClockSchema,
      end: ClockSchema,
      need: v.pipe(
        v.number('请填写每班人数'),
        v.integer('每班人数应为整数'),
        v.minValue(1, '每班至少 1 人'),
        v.maxValue(MAX_CREW_PER_SHIFT, `每班不超过 ${MAX_CREW_PER_SHIFT} 人`),
      ),
    },
    '班次格式不正确',
  ),
  v.check(
    (item) => shiftMinutes(item.start, item.end) <= MAX_SHIFT_HOURS * 60,
    `一个班次不超过 ${MAX_SHIFT_HOURS} 小时，请拆成多个班次`,
  ),
);
export type ShiftPlanItem = v.InferOutput<typeof ShiftPlanItemSchema>;

export const ShiftPlanSchema = v.pipe(
  v.array(ShiftPlanItemSchema, '班次格式不正确'),
  v.minLength(1, '请至少设置一个班次'),
  v.maxLength(MAX_SHIFTS_PER_DAY, `每天不超过 ${MAX_SHIFTS_PER_DAY} 个班次`),
  v.check(
    (items) => new Set(items.map((i) => i.start)).size === items.length,
    '两个班次的开始时间相同',
  ),
);

/** The id of a site's shift on a China day: the plan item's index, so a retry finds the same. */
export const shiftIdOf = (siteId: string, day: string, index: number): string =>
  `${siteId}:${day}:${index}`;

/** The id of an entry in the log: the phone chooses `clientId`, so a retry records nothing new. */
export const entryIdOf = (siteId: string, clientId: string): string => `${siteId}:${clientId}`;

/**
 * A name as staff lists at a gate show it: the first and last characters, the middle starred
 * (王*英, 李*), enough to match a face to a household without spelling the name out.
 */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * An address shown to someone outside the register (an outsider confirming where they go): the
 * start of it, the door starred, so the place is recognised and the household is not spelled out.
 */
export function maskAddress(address: string): string {
  const chars = [...address];
  const keep = Math.max(2, Math.ceil(chars.length / 2));
  return chars.length <= keep
    ? `${chars.slice(0, 1).join('')}**`
    : `${chars.slice(0, keep).join('')}**`;
}

/** The 卡口劝返 list a fever alert opens: fevers turned back under the leader's node. */
export const checkpointFeversPagePath = (gridId: string): string =>
  `pages/checkpoints/fevers/index?gridId=${encodeURIComponent(gridId)}`;
