import {
  chinaDay,
  chinaTime,
  GATE_COUNT_LABELS,
  LOG_EXPORT_MAX_ENTRIES,
  PAGE_SIZE,
  zeroGateCounts,
  type CountsView,
  type GateCounts,
  type LOG_SCHEMAS,
  type ShiftCounts,
} from '@gridguard/types';
import { newCode } from '../domain/codes';
import type { EntryDoc, SiteDoc } from '../domain/checkpoint-records';
import { AppError } from '../domain/errors';
import {
  addCounts,
  dayTable,
  daysFrom,
  entryTable,
  LOG_EXPORT_SHEETS,
  sumCounts,
} from '../domain/gate-log';
import { may, type Actor } from '../domain/policy';
import { pathOf } from '../domain/tree';
import type { CheckpointWorkbookInput } from '../excel/checkpoint-workbook';
import type { GridData } from '../runtime/data';
import type { FileSink } from '../runtime/files';
import { GATE_LOG_PAGE, type CountRow, type GateLogData } from '../runtime/gate-log-data';
import type { ActionHandlers } from '../runtime/router';
import { findInScope, gridInScope, secureRandom } from './common';

/** What the export needs besides the database: storage, the Excel writer, a clock. */
export interface LogExportKit {
  files: Pick<FileSink, 'upload' | 'url'>;
  buildWorkbook(input: CheckpointWorkbookInput): Promise<Buffer>;
  now?: () => Date;
}

const SITE_MISSING = '该卡口不存在或已被删除';

/** Counts per day of the range, days without a row as zeros. */
function perDay(days: readonly string[], rows: readonly CountRow<string>[][]) {
  const byDay = new Map(days.map((d) => [d, zeroGateCounts()]));
  for (const row of rows.flat()) {
    const target = byDay.get(row.key);
    if (target) addCounts(target, row.counts);
  }
  return days.map((day) => ({ day, counts: byDay.get(day) ?? zeroGateCounts() }));
}

/**
 * 卡口 (router `checkpoints`): counts per shift, site and day; the log's Excel export. Counts are
 * database aggregates grouped by day, shift or site, so an action's calls never grow with the
 * entries; the export reads the entries it writes, a thousand a call, under its cap.
 */
export function logActions(
  grids: GridData,
  data: GateLogData,
  kit: LogExportKit,
): Pick<ActionHandlers<'checkpoints'>, keyof typeof LOG_SCHEMAS> {
  const now = kit.now ?? (() => new Date());
  const siteFor = (
    actor: Actor,
    siteId: string,
    permission: 'checkpoint.duty' | 'checkpoint.run',
  ) =>
    findInScope(
      actor,
      permission,
      () => data.site(siteId),
      (site: SiteDoc) => ({ gridPath: site.gridPath }),
      SITE_MISSING,
    );

  async function siteCounts(
    actor: Actor,
    site: SiteDoc,
    from: string,
    to: string,
  ): Promise<CountsView> {
    const days = daysFrom(from, to);
    const [rows, shifts] = await Promise.all([
      data.siteEntriesByDayAndShift(site._id, from, to),
      data.siteShifts(site._id, from, to),
    ]);
    const byShift = new Map<string, GateCounts>();
    for (const row of rows) {
      if (row.key.shiftId === null) continue;
      byShift.set(
        row.key.shiftId,
        addCounts(byShift.get(row.key.shiftId) ?? zeroGateCounts(), row.counts),
      );
    }
    const dayRows = perDay(days, [
      rows.map((r) => ({ key: r.key.day, counts: r.counts })),
      shifts.map((s) => ({ key: s.day, counts: { uncovered: s.uncovered } })),
    ]);
    const shiftRows = shifts.map((s): ShiftCounts => ({
      shiftId: s._id,
      day: s.day,
      start: s.start,
      end: s.end,
      need: s.need,
      filled: s.filled,
      counts: { ...(byShift.get(s._id) ?? zeroGateCounts()), uncovered: s.uncovered },
    }));
    return {
      from,
      to,
      scope: { kind: 'site', siteId: site._id, name: site.name },
      totals: sumCounts(dayRows.map((d) => d.counts)),
      days: dayRows,
      shifts: shiftRows,
      sites: [],
      page: 1,
      pageSize: PAGE_SIZE,
      totalSites: 1,
      canExport: may(actor, 'checkpoint.run', { gridPath: site.gridPath }),
    };
  }

  return {
    async counts({ siteId, gridId, from, to, page }, ctx) {
      const actor = await ctx.actor();
      if (siteId !== undefined) {
        const site = await siteFor(actor, siteId, 'checkpoint.duty');
        if (gridId !== undefined && !site.gridPath.includes(gridId))
          throw new AppError('INVALID_INPUT', '该卡口不在所选网格下');
        return siteCounts(actor, site, from, to);
      }
      const node = await gridInScope(grids, actor, 'checkpoint.duty', gridId ?? '');
      const days = daysFrom(from, to);
      const [entriesByDay, uncoveredByDay, listed] = await Promise.all([
        data.nodeEntriesByDay(node._id, from, to),
        data.nodeUncoveredByDay(node._id, from, to),
        data.sitesUnder(node._id, page),
      ]);
      const ids = listed.items.map((s) => s._id);
      const [entriesBySite, uncoveredBySite] = await Promise.all([
        data.entriesBySite(ids, from, to),
        data.uncoveredBySite(ids, from, to),
      ]);
      const bySite = new Map(ids.map((id) => [id, zeroGateCounts()]));
      for (const row of [...entriesBySite, ...uncoveredBySite])
        addCounts(bySite.get(row.key) ?? zeroGateCounts(), row.counts);
      const dayRows = perDay(days, [entriesByDay, uncoveredByDay]);
      return {
        from,
        to,
        scope: { kind: 'grid', gridId: node._id, name: node.name },
        totals: sumCounts(dayRows.map((d) => d.counts)),
        days: dayRows,
        shifts: [],
        sites: listed.items.map((s) => ({
          siteId: s._id,
          name: s.name,
          gridName: s.gridName,
          counts: bySite.get(s._id) ?? zeroGateCounts(),
        })),
        page,
        pageSize: PAGE_SIZE,
        totalSites: listed.total,
        canExport: may(actor, 'checkpoint.run', { gridPath: pathOf(node) }),
      };
    },

    async exportLog({ siteId, from, to }, ctx) {
      const actor = await ctx.actor();
      const site = await siteFor(actor, siteId, 'checkpoint.run');
      const total = await data.countSiteEntries(site._id, from, to);
      if (total > LOG_EXPORT_MAX_ENTRIES) {
        throw new AppError(
          'CONFLICT',
          `${from} 至 ${to} 共 ${total} 条通行记录，超过一次导出的上限 ${LOG_EXPORT_MAX_ENTRIES} 条，请缩短日期范围`,
        );
      }
      const entries: EntryDoc[] = [];
      for (let after = ''; ;) {
        const batch = await data.siteEntriesPage(site._id, from, to, after);
        entries.push(...batch);
        if (batch.length < GATE_LOG_PAGE) break;
        after = batch[batch.length - 1]?._id ?? after;
      }
      const counts = await siteCounts(actor, site, from, to);
      const shifts = counts.shifts.map((s) => ({ _id: s.shiftId, start: s.start, end: s.end }));

      const at = now();
      const title = `${site.name} 通行记录 ${from} 至 ${to}`;
      const content = await kit.buildWorkbook({
        title,
        watermark: `导出人：${actor.name} · 导出时间：${chinaTime(at)} · 仅限防控工作使用`,
        sheets: [
          { name: LOG_EXPORT_SHEETS.entries, table: entryTable(entries, shifts) },
          { name: LOG_EXPORT_SHEETS.days, table: dayTable(counts.days, GATE_COUNT_LABELS) },
        ],
      });
      const fileName = `${site.name}-通行记录-${from}至${to}-${chinaDay(at)}.xlsx`;
      const nonce = newCode(12, secureRandom).toLowerCase();
      const fileId = await kit.files.upload(
        `exports/${actor.openid}/checkpoint-${nonce}.xlsx`,
        content,
      );
      const url = await kit.files.url(fileId);
      await grids.record({
        actor: actor.openid,
        action: 'checkpoint.exportLog',
        gridId: site.gridId,
        gridPath: site.gridPath,
        target: site._id,
        detail: { fileName, from, to, entries: entries.length },
      });
      return { url, fileName, entries: entries.length };
    },
  };
}
