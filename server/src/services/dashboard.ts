import {
  addDays,
  chinaDay,
  chinaTime,
  completeFigures,
  PAGE_SIZE,
  TREND_DAYS,
  type AlertRow,
  type DailyReportRow,
} from '@gridguard/types';
import { AppError } from '../domain/errors';
import { may, type Actor } from '../domain/policy';
import type { DailyReportDoc, GridDoc, ObservationDoc } from '../domain/records';
import { pathOf } from '../domain/tree';
import type { ListedPerson, ReportWorkbookInput } from '../excel/report-workbook';
import type { GridData } from '../runtime/data';
import type { DailyData } from '../runtime/daily-data';
import type { FileSink } from '../runtime/files';
import type { ActionContext, ActionHandlers } from '../runtime/router';
import { authoriseAnywhere, gridInScope, gridNames, inScope } from './common';
import { computeDailyReport } from './daily-report';

/**
 * What the export needs to turn rows into a file. The function supplies the Excel writer, so only
 * the function that exports bundles exceljs.
 */
export interface ExportKit {
  files: FileSink;
  buildWorkbook(input: ReportWorkbookInput): Promise<Buffer>;
}

/** A report computed this recently is returned instead of computing the whole tree again. */
export const REFRESH_REUSE_MS = 5 * 60_000;

const toRow = (d: DailyReportDoc): DailyReportRow => ({
  gridId: d.gridId,
  name: d.name,
  levelName: d.levelName,
  depth: d.depth,
  childCount: d.childCount,
  figures: completeFigures(d.figures),
  late: d.late,
  lateChildren: d.lateChildren,
});

async function readable(grids: GridData, gridId: string, ctx: ActionContext) {
  const actor = await ctx.actor();
  return { actor, grid: await gridInScope(grids, actor, 'grid.read', gridId) };
}

/** Leaders (and the command centre) recompute and export; members read. */
const leads = (actor: Actor, grid: GridDoc) =>
  may(actor, 'observation.manage', { gridPath: pathOf(grid) });

/** The daily report dashboard: a node's figures, its children, the trend, alerts and export. */
export function dashboardActions(
  grids: GridData,
  daily: DailyData,
  kit: ExportKit,
  clock: () => Date = () => new Date(),
): ActionHandlers<'dashboard'> {
  return {
    async node({ gridId, day }, ctx) {
      const { actor, grid } = await readable(grids, gridId, ctx);
      const today = chinaDay(clock());
      const published = day ? await daily.reportDay(day) : await daily.latestDay(today);
      // Only ancestors the caller may read become crumbs: one above their scope would be refused.
      const openable = grid.ancestors.filter((_, i) =>
        may(actor, 'grid.read', { gridPath: grid.ancestors.slice(0, i + 1) }),
      );
      const [report, names] = await Promise.all([
        published ? daily.report(published.runId, gridId) : Promise.resolve(null),
        openable.length > 0
          ? gridNames(grids, openable)
          : Promise.resolve(new Map<string, string>()),
      ]);
      if (published) await daily.markSeen(`${published._id}:${gridId}:${actor.openid}`);
      return {
        gridId,
        name: grid.name,
        breadcrumbs: openable.map((id) => ({ gridId: id, name: names.get(id) ?? '' })),
        day: published?._id ?? day ?? null,
        today,
        computedAt: published ? published.computedAt.toISOString() : null,
        report: report ? toRow(report) : null,
        canRefresh: leads(actor, grid),
        canExport: leads(actor, grid),
      };
    },

    async children({ gridId, day, page }, ctx) {
      await readable(grids, gridId, ctx);
      const published = await daily.reportDay(day);
      if (!published) return { items: [], total: 0, page, pageSize: PAGE_SIZE };
      const { items, total } = await daily.children(published.runId, gridId, page);
      return { items: items.map(toRow), total, page, pageSize: PAGE_SIZE };
    },

    async trend({ gridId }, ctx) {
      await readable(grids, gridId, ctx);
      const today = chinaDay(clock());
      const days = Array.from({ length: TREND_DAYS }, (_, i) => addDays(today, i - TREND_DAYS + 1));
      const published = await daily.reportDays(days);
      const docs = await daily.reportsByIds(published.map((p) => `${p.runId}:${gridId}`));
      const byDay = new Map(docs.map((d) => [d.day, completeFigures(d.figures)]));
      return { points: days.map((d) => ({ day: d, figures: byDay.get(d) ?? null })) };
    },

    async alerts({ gridId, page }, ctx) {
      await readable(grids, gridId, ctx);
      const { items, total } = await daily.escalatedUnder(gridId, page);
      const names = await gridNames(
        grids,
        items.map((o) => o.gridId),
      );
      const rows: AlertRow[] = items.map((o) => ({
        personId: o.personId,
        name: o.name,
        gridId: o.gridId,
        gridName: names.get(o.gridId) ?? '',
        class: o.class,
        reason: o.alert?.reason ?? o.history[o.history.length - 1]?.reason ?? '',
        alertDay: o.alert?.day ?? null,
        lastReportDay: o.lastReportDay,
      }));
      return { items: rows, total, page, pageSize: PAGE_SIZE };
    },

    async refresh({ gridId }, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(grids, actor, 'observation.manage', gridId);
      const now = clock();
      const today = chinaDay(now);
      const current = await daily.reportDay(today);
      if (current && now.getTime() - current.computedAt.getTime() < REFRESH_REUSE_MS) {
        return {
          day: today,
          computedAt: current.computedAt.toISOString(),
          nodes: current.nodes,
          reused: true,
        };
      }
      const run = await computeDailyReport(daily, now);
      await grids.record({
        actor: actor.openid,
        action: 'report.refresh',
        gridId,
        gridPath: pathOf(grid),
        target: run.runId,
      });
      // A run that lost to a later one reports the time of the one that stands.
      const computedAt = run.published
        ? run.computedAt
        : ((await daily.reportDay(today))?.computedAt ?? run.computedAt);
      return {
        day: today,
        computedAt: computedAt.toISOString(),
        nodes: run.nodes,
        reused: false,
      };
    },

    async export(input, ctx) {
      try {
        return await exportReport(grids, daily, kit, clock, input, ctx);
      } catch (e) {
        // The client polling the progress learns the export stopped; the error itself is answered.
        if (!(e instanceof AppError))
          await daily.exportProgress(input.exportId, { phase: 'failed' }).catch(() => undefined);
        throw e;
      }
    },

    async exportStatus({ exportId }, ctx) {
      const actor = await ctx.actor();
      // Only those who may export anywhere have exports to follow.
      authoriseAnywhere(actor, 'observation.manage');
      const doc = inScope(
        actor,
        await daily.export(exportId),
        (d) => actor.command || d.openid === actor.openid,
        '没有这个导出任务',
      );
      return { phase: doc.phase, done: doc.done, total: doc.total };
    },

    async unread(_input, ctx) {
      const notices = await daily.unread(ctx.caller.openid);
      return {
        items: notices.map((n) => ({
          gridId: n.gridId,
          name: n.name,
          day: n.day,
          summary: n.summary,
        })),
      };
    },
  };
}

/**
 * The subtree's report and the people behind it as an Excel file in cloud storage. Progress is
 * written as it goes, so the client can show it while waiting; the export is audited.
 */
async function exportReport(
  grids: GridData,
  daily: DailyData,
  kit: ExportKit,
  clock: () => Date,
  input: { gridId: string; day: string; exportId: string },
  ctx: ActionContext,
) {
  const { gridId, day, exportId } = input;
  const actor = await ctx.actor();
  const grid = await gridInScope(grids, actor, 'observation.manage', gridId);
  const existing = await daily.export(exportId);
  if (existing && existing.openid !== actor.openid) throw new AppError('CONFLICT');
  const published = await daily.reportDay(day);
  if (!published) throw new AppError('NOT_FOUND', `${day} 还没有日报，请先生成`);
  const top = await daily.report(published.runId, gridId);
  if (!top) throw new AppError('NOT_FOUND', '该网格在这天的日报中不存在');
  const at = clock();
  await daily.saveExport({
    _id: exportId,
    openid: actor.openid,
    gridId,
    day,
    phase: 'reading',
    done: 0,
    total: grid.counts.nodes + 1,
    fileId: null,
    at,
  });

  const docs: DailyReportDoc[] = [top];
  for (let after = ''; ;) {
    const page = await daily.subtreePage(published.runId, gridId, after);
    docs.push(...page);
    await daily.exportProgress(exportId, { done: docs.length });
    if (page.length < 1000) break;
    after = page[page.length - 1]?._id ?? after;
  }
  const escalated = await collect((after) => daily.escalatedPage(gridId, after));
  const missing = await collect((after) => daily.missingPage(gridId, day, after));
  await daily.exportProgress(exportId, { phase: 'writing' });

  const names = new Map(docs.map((d) => [d.gridId, d.name]));
  const ancestorNames = await gridNames(grids, grid.ancestors);
  const nameOf = (id: string) => names.get(id) ?? ancestorNames.get(id) ?? id;
  const pathName = (ids: readonly string[]) =>
    ids.slice(grid.ancestors.length).map(nameOf).join('/');
  const people = new Map(
    (await grids.peopleByIds([...escalated, ...missing].map((o) => o.personId))).map((p) => [
      p._id,
      p,
    ]),
  );
  const listed = (o: ObservationDoc, detail: string): ListedPerson => ({
    name: o.name,
    gridPath: pathName(o.gridPath),
    class: o.class,
    phoneMasked: people.get(o.personId)?.phoneMasked ?? null,
    idNumberMasked: people.get(o.personId)?.idNumberMasked ?? null,
    detail,
  });
  docs.sort(
    (a, b) =>
      a.depth - b.depth ||
      pathName([...a.ancestors, a.gridId]).localeCompare(
        pathName([...b.ancestors, b.gridId]),
        'zh',
      ),
  );
  const title = `${grid.name} ${day} 防控日报`;
  const watermark = `导出人：${actor.name} · 导出时间：${chinaTime(at)} · 仅限防控工作使用`;
  const content = await kit.buildWorkbook({
    title,
    watermark,
    rows: docs.map((d) => ({ ...toRow(d), path: pathName([...d.ancestors, d.gridId]) })),
    escalated: escalated.map((o) => listed(o, o.alert?.reason ?? '')),
    missing: missing.map((o) =>
      listed(o, o.lastReportDay ? `${o.lastReportDay} 已报` : '从未报告'),
    ),
  });

  await daily.exportProgress(exportId, { phase: 'uploading' });
  const fileName = `${grid.name}-${day}-日报.xlsx`;
  const fileId = await kit.files.upload(`exports/${day}/${exportId}.xlsx`, content);
  const url = await kit.files.url(fileId);
  await Promise.all([
    daily.exportProgress(exportId, { phase: 'done', fileId }),
    grids.record({
      actor: actor.openid,
      action: 'report.export',
      gridId,
      gridPath: pathOf(grid),
      target: fileName,
      detail: { day, rows: docs.length, escalated: escalated.length, missing: missing.length },
    }),
  ]);
  return { fileId, url, fileName, rows: docs.length };
}

async function collect(
  page: (afterId: string) => Promise<ObservationDoc[]>,
): Promise<ObservationDoc[]> {
  const all: ObservationDoc[] = [];
  for (let after = ''; ;) {
    const batch = await page(after);
    all.push(...batch);
    if (batch.length < 1000) return all;
    after = batch[batch.length - 1]?._id ?? after;
  }
}
