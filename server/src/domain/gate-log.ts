import {
  addDays,
  chinaTime,
  daysBetween,
  DIRECTION_LABELS,
  ENTRY_KIND_LABELS,
  ENTRY_OUTCOME_LABELS,
  GATE_COUNT_KEYS,
  maskName,
  RESIDENT_LOOKUP_LABELS,
  zeroGateCounts,
  type GateCounts,
} from '@gridguard/types';
import type { Cell, Table } from './campaign-export';
import type { EntryDoc, ShiftDoc } from './checkpoint-records';

/**
 * 卡口 counts and the log's export, in plain TypeScript: what one entry adds to the counts (the
 * database sums the same rule, `gate-log-data.ts`; tests count with this one), and the log as the
 * table its Excel export writes, masked.
 */

/** What one passage adds to its shift's, site's and day's counts. */
export function entryCounts(entry: Pick<EntryDoc, 'direction' | 'kind' | 'outcome' | 'people'>) {
  const counts = zeroGateCounts();
  counts[entry.direction] = 1;
  if (entry.kind === 'resident') counts.residents = 1;
  if (entry.kind === 'outsider') counts.outsiders = 1;
  if (entry.kind === 'vehicle') {
    counts.vehicles = 1;
    counts.vehiclePeople = entry.people;
  }
  if (entry.outcome === 'turnedBack') counts.turnedBack = 1;
  return counts;
}

/** `into` plus `more`, key by key (absent keys count 0). */
export function addCounts(into: GateCounts, more: Partial<GateCounts>): GateCounts {
  for (const key of GATE_COUNT_KEYS) into[key] += more[key] ?? 0;
  return into;
}

export const sumCounts = (all: readonly Partial<GateCounts>[]): GateCounts =>
  all.reduce<GateCounts>((total, c) => addCounts(total, c), zeroGateCounts());

/** Every China day from `from` to `to`, both included, oldest first. */
export function daysFrom(from: string, to: string): string[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));
}

/** A shift counts as uncovered while fewer have signed up than it needs. */
export const uncoveredOf = (shift: Pick<ShiftDoc, 'uncovered'>) => (shift.uncovered === 1 ? 1 : 0);

/** The export's sheets. */
export const LOG_EXPORT_SHEETS = { entries: '通行记录', days: '每日统计' } as const;

const ENTRY_HEADERS = [
  '时间',
  '班次',
  '方向',
  '类别',
  '姓名/车牌',
  '手机号',
  '住址/目的地',
  '来自',
  '事由',
  '人数',
  '体温(°C)',
  '结果',
  '登记方式',
  '登记人',
  '备注',
];

/** Who passed, as a line of the sheet: names masked, phones only ever stored masked. */
function entryRow(entry: EntryDoc, shiftLabel: (id: string | null) => string): Cell[] {
  const { resident, outsider, vehicle } = entry;
  const who = resident
    ? maskName(resident.name)
    : outsider
      ? maskName(outsider.name)
      : (vehicle?.plate ?? '');
  const where = resident?.address ?? outsider?.destAddress ?? '';
  const from = outsider ? `${outsider.fromName}${outsider.fromRisk ? '（风险地区）' : ''}` : '';
  const note = entry.annotations
    .map((a) => `${chinaTime(a.at)} ${maskName(a.by.name)}：${a.text}`)
    .join('\n');
  return [
    chinaTime(entry.at),
    shiftLabel(entry.shiftId),
    DIRECTION_LABELS[entry.direction],
    ENTRY_KIND_LABELS[entry.kind],
    who,
    outsider?.phoneMasked ?? '',
    where,
    from,
    outsider?.purpose ?? '',
    entry.people,
    entry.temperature,
    ENTRY_OUTCOME_LABELS[entry.outcome],
    resident ? RESIDENT_LOOKUP_LABELS[resident.via] : outsider?.formId ? '扫码登记' : '现场登记',
    entry.by.name,
    note,
  ];
}

/** The log of a site, oldest first, as the export's 通行记录 sheet. */
export function entryTable(
  entries: readonly EntryDoc[],
  shifts: readonly Pick<ShiftDoc, '_id' | 'start' | 'end'>[],
): Table {
  const labels = new Map(shifts.map((s) => [s._id, `${s.start}–${s.end}`]));
  const shiftLabel = (id: string | null) => (id === null ? '未在班' : (labels.get(id) ?? ''));
  const sorted = [...entries].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || a._id.localeCompare(b._id),
  );
  return { headers: ENTRY_HEADERS, rows: sorted.map((e) => entryRow(e, shiftLabel)) };
}

/** Per day of the range, what passed and the shifts left short: the export's 每日统计 sheet. */
export function dayTable(
  days: readonly { day: string; counts: GateCounts }[],
  labels: Record<(typeof GATE_COUNT_KEYS)[number], string>,
): Table {
  return {
    headers: ['日期', ...GATE_COUNT_KEYS.map((k) => labels[k])],
    rows: days.map((d) => [d.day, ...GATE_COUNT_KEYS.map((k) => d.counts[k])]),
  };
}
