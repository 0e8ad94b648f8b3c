import {
  ENTERPRISE_COLUMNS,
  ENTERPRISE_STATUS_LABELS,
  IMPORT_ERRORS_SHOWN,
  IMPORT_SHEETS,
  REGISTER_COLUMNS,
  RENTAL_COLUMNS,
  IMPORT_UPLOAD_ROOT,
  chinaDay,
  chinaTime,
  emptyImportCounts,
  levelNameAt,
  maskIdNumber,
  maskPhone,
  type ImportCounts,
  type ImportIssue,
  type ImportView,
  type SubtreeCounts,
} from '@gridguard/types';
import { HOUSEHOLD_CODE_LENGTH, newCode } from '../domain/codes';
import { AppError } from '../domain/errors';
import {
  decideTargets,
  targetKey,
  targetParts,
  type PlannedEnterprise,
  type PlannedRental,
  type TargetDecision,
} from '../domain/import-targets';
import {
  decidePart,
  householdKey,
  importedId,
  pathKey,
  planRegister,
  sortIssues,
  type PartDecision,
  type PartState,
  type PlannedHousehold,
} from '../domain/imports';
import { may, personTarget, type Actor } from '../domain/policy';
import {
  EMPTY_COUNTS,
  type EnterpriseDoc,
  type GridDoc,
  type HouseholdDoc,
  type PersonDoc,
  type PersonSecretDoc,
  type RentalDoc,
} from '../domain/records';
import { householdSearchIndex, personSearchIndex } from '../domain/search';
import { rentalFields } from '../domain/targets';
import { pathOf } from '../domain/tree';
import { cloudPathOf } from '../domain/photos';
import { buildRegisterWorkbook, readRegisterWorkbook } from '../excel/register-workbook';
import type { GridData } from '../runtime/data';
import type { ImportData, ImportDoc, ImportPartDoc } from '../runtime/import-data';
import type { ActionHandlers } from '../runtime/router';
import { authoriseAnywhere, gridInScope, inScope, isDuplicateKey, secureRandom } from './common';

/** Households per part: a part's reads and writes are a handful of calls, well within a call. */
export const PART_HOUSEHOLDS = 200;
/** Rentals and enterprises per part, after every household: their landlords are written by then. */
export const PART_TARGETS = 200;
/** Landlords and tenants a part names at most: their reads stay a couple of `_.in` calls. */
export const PART_PEOPLE = 1000;
/** A commit call stops starting parts after this long, well inside the function's 60 s. */
export const COMMIT_BUDGET_MS = 20_000;
/** The most people one export writes: a bigger subtree is exported node by node below it. */
export const EXPORT_MAX_PEOPLE = 50_000;
/** How long a commit call holds the import: longer than the function may run. */
const LEASE_MS = 65_000;

/** What the import needs besides the database: cloud storage and a clock. */
export interface ImportKit {
  download(fileId: string): Promise<Buffer>;
  upload(cloudPath: string, content: Buffer): Promise<string>;
  url(fileId: string): Promise<string>;
  now?: () => Date;
}

const REFUSAL = '只有指挥部或本网格及以上的网格长可以导入登记表';

/** 导入登记表: the template, the checked preview, the commit a part at a time, the export. */
export function importActions(
  grids: GridData,
  data: ImportData,
  kit: ImportKit,
): ActionHandlers<'imports'> {
  const now = kit.now ?? (() => new Date());

  /** A node the caller may import into: they manage it and its households. */
  const managedNode = async (actor: Actor, gridId: string): Promise<GridDoc> => {
    const grid = await gridInScope(grids, actor, 'grid.manage', gridId).catch((e: unknown) => {
      throw e instanceof AppError && e.code === 'FORBIDDEN'
        ? new AppError('FORBIDDEN', REFUSAL)
        : e;
    });
    if (!may(actor, 'households.manage', { gridPath: pathOf(grid) }))
      throw new AppError('FORBIDDEN', REFUSAL);
    return grid;
  };
  const levelsBelow = async (grid: GridDoc): Promise<string[]> => {
    const levels = (await grids.levelNames()) ?? [];
    const out: string[] = [];
    for (let depth = grid.depth + 1; depth < levels.length; depth += 1)
      out.push(levelNameAt(levels, depth));
    return out;
  };
  const spreadsheet = async (actor: Actor, kind: string, grid: GridDoc, content: Buffer) => {
    const nonce = newCode(12, secureRandom).toLowerCase();
    const fileName = `${grid.name}${kind}-${chinaDay(now())}.xlsx`;
    const fileId = await kit.upload(`exports/${actor.openid}/register-${nonce}.xlsx`, content);
    return { url: await kit.url(fileId), fileName };
  };

  return {
    async template({ gridId }, ctx) {
      const actor = await ctx.actor();
      const grid = await managedNode(actor, gridId);
      const levels = await levelsBelow(grid);
      const content = await buildRegisterWorkbook({
        title: `${grid.name} 住户登记表（导入模板）`,
        levels,
        example: { path: levels.map((l) => `示例${l}`), address: '示例路1号' },
      });
      return spreadsheet(actor, '导入模板', grid, content);
    },

    async uploadTarget({ gridId }, ctx) {
      const actor = await ctx.actor();
      await managedNode(actor, gridId);
      const nonce = newCode(16, secureRandom).toLowerCase();
      return { cloudPath: `${IMPORT_UPLOAD_ROOT}/${ctx.caller.openid}/${nonce}.xlsx` };
    },

    async preview({ gridId, fileId }, ctx) {
      const actor = await ctx.actor();
      const grid = await managedNode(actor, gridId);
      if (!isOwnUpload(fileId, ctx.caller.openid))
        throw new AppError('INVALID_INPUT', '请上传刚选择的文件');
      const [levels, content] = await Promise.all([
        levelsBelow(grid),
        kit.download(fileId).catch(() => {
          throw new AppError('INVALID_INPUT', '找不到上传的文件，请重新选择');
        }),
      ]);
      const read = await readRegisterWorkbook(content, levels);
      const plan = planRegister(levels, read.tree, read.register, read);
      const importId = `imp-${newCode(16, secureRandom).toLowerCase()}`;
      const issues = [...read.issues, ...plan.issues];
      const counts = emptyImportCounts();
      const parts: ImportPartDoc[] = [];
      if (read.issues.length === 0) {
        const subtree = await data.subtree(grid);
        const resolved = resolveNodes(importId, grid, subtree, plan.nodes, levels);
        issues.push(...resolved.issues);
        counts.nodes = { create: resolved.created.length, existing: resolved.existing };
        const placed = [
          ...plan.households.map((h) => ({
            ...h,
            sheet: IMPORT_SHEETS.register,
            column: REGISTER_COLUMNS.address,
            what: '住户',
          })),
          ...plan.rentals.map((r) => ({
            ...r,
            sheet: IMPORT_SHEETS.rentals,
            column: RENTAL_COLUMNS.address,
            what: '出租屋',
          })),
          ...plan.enterprises.map((e) => ({
            row: e.row,
            path: e.path,
            sheet: IMPORT_SHEETS.enterprises,
            column: ENTERPRISE_COLUMNS.name,
            what: '企业',
          })),
        ];
        for (const h of placed) {
          const leaf = resolved.byPath.get(pathKey(h.path));
          if (leaf && leaf.childCount > 0)
            issues.push({
              sheet: h.sheet,
              row: h.row,
              column: h.column,
              message: `「${leaf.name}」下还有下级网格，${h.what}只能登记在最末一级网格`,
            });
        }
        for (let i = 0; i < plan.households.length; i += PART_HOUSEHOLDS) {
          const batch = plan.households.slice(i, i + PART_HOUSEHOLDS);
          const decision = await decide(data, importId, grid, batch, resolved.byPath);
          issues.push(...decision.issues);
          tally(counts, decision);
          parts.push({
            _id: `${importId}:${parts.length + 1}`,
            importId,
            seq: parts.length + 1,
            nodes: [],
            households: batch,
          });
        }
        // The file's own people stand for landlords and tenants not written yet.
        const inFile = new Map(
          plan.households.flatMap((h) =>
            h.people.flatMap((p) => (p.idNumber ? [[p.idNumber, p.name] as const] : [])),
          ),
        );
        for (const { rentals, enterprises } of targetParts(plan, PART_TARGETS, PART_PEOPLE)) {
          const decision = await decideTargetPart(data, actor, importId, {
            rentals,
            enterprises,
            byPath: resolved.byPath,
            inFile,
          });
          issues.push(...decision.issues);
          tallyTargets(counts, decision);
          parts.push({
            _id: `${importId}:${parts.length + 1}`,
            importId,
            seq: parts.length + 1,
            nodes: [],
            households: [],
            rentals,
            enterprises,
          });
        }
        parts.unshift({
          _id: `${importId}:0`,
          importId,
          seq: 0,
          nodes: plan.nodes,
          households: [],
        });
      }
      const sorted = sortIssues(issues);
      const doc: ImportDoc = {
        _id: importId,
        openid: actor.openid,
        actorName: actor.name,
        gridId,
        gridPath: pathOf(grid),
        gridName: grid.name,
        fileId,
        status: sorted.length > 0 ? 'invalid' : 'ready',
        counts,
        errors: sorted.slice(0, IMPORT_ERRORS_SHOWN),
        errorCount: sorted.length,
        parts: sorted.length > 0 ? 0 : parts.length,
        done: 0,
        leaseUntil: null,
        createdAt: now(),
        finishedAt: null,
      };
      // An earlier preview never committed holds full numbers in its parts: it goes now.
      for (const old of await data.unfinishedImports(actor.openid)) {
        if (old.status === 'ready') {
          await data.removeParts(old._id);
          await data.abandon(old._id);
        }
      }
      if (doc.status === 'ready') await data.addParts(parts);
      await data.addImport(doc);
      return viewOf(doc);
    },

    async commit({ importId }, ctx) {
      const actor = await ctx.actor();
      authoriseAnywhere(actor, 'grid.manage', REFUSAL);
      // Only the uploader commits, and only while they still manage the node.
      const doc = inScope(
        actor,
        await data.import(importId),
        (d) => d.openid === ctx.caller.openid,
        '该导入批次不存在',
        REFUSAL,
      );
      const grid = await managedNode(actor, doc.gridId);
      if (doc.status === 'done') return viewOf(doc);
      if (doc.status === 'invalid')
        throw new AppError('CONFLICT', '文件有错误，不能导入：请修改后重新上传');
      const started = now();
      if (!(await data.lease(importId, started, new Date(started.getTime() + LEASE_MS)))) {
        // Another call is committing this import: report where it stands.
        return viewOf({ ...((await data.import(importId)) ?? doc) });
      }
      let done = doc.done;
      try {
        const levels = await levelsBelow(grid);
        let byPath: Map<string, GridDoc> | null = null;
        while (done < doc.parts && now().getTime() - started.getTime() < COMMIT_BUDGET_MS) {
          const part = await data.part(importId, done);
          if (!part) throw new Error(`import part ${importId}:${done} is missing`);
          byPath ??= await placeNodes(data, importId, grid, part, levels);
          if (part.households.length > 0)
            await commitPart(data, importId, grid, part.households, byPath, now());
          if ((part.rentals?.length ?? 0) + (part.enterprises?.length ?? 0) > 0)
            await commitTargets(data, actor, importId, part, byPath, now());
          done += 1;
          await data.partDone(importId, done);
        }
        if (done < doc.parts) {
          await data.release(importId);
          return viewOf({ ...doc, status: 'committing', done });
        }
        const counts = doc.counts;
        await recount(grids, data, grid);
        await data.finish(importId, counts, now());
        await data.removeParts(importId);
        await grids.record({
          actor: actor.openid,
          action: 'register.import',
          gridId: grid._id,
          gridPath: pathOf(grid),
          target: importId,
          detail: { counts, fileId: doc.fileId },
        });
        return viewOf({ ...doc, status: 'done', counts, done, finishedAt: now() });
      } catch (e) {
        await data.release(importId);
        throw e;
      }
    },

    async pending({ gridId }, ctx) {
      const actor = await ctx.actor();
      await managedNode(actor, gridId);
      const latest = await data.latestImport(ctx.caller.openid, gridId);
      return latest && (latest.status === 'ready' || latest.status === 'committing')
        ? viewOf(latest)
        : null;
    },

    async export({ gridId }, ctx) {
      const actor = await ctx.actor();
      const grid = await managedNode(actor, gridId);
      if (grid.counts.people > EXPORT_MAX_PEOPLE)
        throw new AppError(
          'CONFLICT',
          `${grid.name}共 ${grid.counts.people} 人，超过一次导出的上限 ${EXPORT_MAX_PEOPLE} 人，请在下级网格分别导出`,
        );
      const revealed = may(actor, 'person.revealIdNumber', { gridPath: pathOf(grid) });
      const [levels, subtree, households, people, rentals, enterprises] = await Promise.all([
        levelsBelow(grid),
        data.subtree(grid),
        data.householdsUnder(grid._id),
        data.peopleUnder(grid._id),
        data.rentalsUnder(grid._id),
        data.enterprisesUnder(grid._id),
      ]);
      const secrets = revealed
        ? new Map((await data.secretsOf(people.map((p) => p._id))).map((s) => [s._id, s]))
        : new Map();
      const pathOfNode = namesBelow(grid, subtree);
      const byHousehold = new Map<string, PersonDoc[]>();
      for (const p of people)
        byHousehold.set(p.householdId, [...(byHousehold.get(p.householdId) ?? []), p]);
      const register = households
        .sort((a, b) => comparePath(pathOfNode, a, b) || a.address.localeCompare(b.address, 'zh'))
        .flatMap((h) => {
          const path = pathOfNode.get(h.gridId) ?? [];
          const members = byHousehold.get(h._id) ?? [];
          if (members.length === 0)
            return [{ path, address: h.address, name: '', relation: '', idNumber: '', phone: '' }];
          return members.map((p) => {
            const secret = secrets.get(p._id);
            return {
              path,
              address: h.address,
              name: p.name,
              relation: p.relation,
              idNumber: (revealed ? secret?.idNumber : null) ?? p.idNumberMasked ?? '',
              phone: (revealed ? secret?.phone : null) ?? p.phoneMasked ?? '',
            };
          });
        });
      const tree = subtree
        .filter((g) => g._id !== grid._id)
        .map((g) => pathOfNode.get(g._id) ?? [])
        .sort((a, b) => a.join('/').localeCompare(b.join('/'), 'zh'));
      const targets = await targetRows(data, actor, {
        revealed,
        pathOfNode,
        people,
        secrets,
        rentals,
        enterprises,
      });
      const at = now();
      const content = await buildRegisterWorkbook({
        title: `${grid.name} 住户登记表`,
        levels,
        tree,
        register,
        ...targets,
        watermark: `导出人：${actor.name} · 导出时间：${chinaTime(at)} · ${revealed ? '含完整证件号码，' : ''}仅限防控工作使用`,
      });
      await grids.record({
        actor: actor.openid,
        action: 'register.export',
        gridId: grid._id,
        gridPath: pathOf(grid),
        target: grid._id,
        detail: {
          households: households.length,
          people: people.length,
          rentals: rentals.length,
          enterprises: enterprises.length,
          revealed,
        },
      });
      return {
        ...(await spreadsheet(actor, '住户登记表', grid, content)),
        households: households.length,
        people: people.length,
        rentals: rentals.length,
        enterprises: enterprises.length,
        revealed,
      };
    },
  };
}

/**
 * The 出租屋 and 企业 sheets of an export, in the shape the import reads back: a rental's row per
 * tenant (one row when it has none), its landlord and tenants by name and ID number (full for
 * whoever may reveal them, as on the people sheet), an enterprise's 负责人 phone likewise. A
 * landlord may live in the node above: such people are read by id.
 */
async function targetRows(
  data: ImportData,
  actor: Actor,
  known: {
    revealed: boolean;
    pathOfNode: ReadonlyMap<string, string[]>;
    people: readonly PersonDoc[];
    secrets: ReadonlyMap<string, PersonSecretDoc>;
    rentals: RentalDoc[];
    enterprises: EnterpriseDoc[];
  },
) {
  const people = new Map(known.people.map((p) => [p._id, p]));
  const outside = [
    ...new Set(known.rentals.flatMap((r) => [r.landlordId, ...r.tenants.map((t) => t.personId)])),
  ].filter((id) => !people.has(id));
  const others = await data.peopleByIds(outside);
  for (const p of others) people.set(p._id, p);
  const secrets = new Map(known.secrets);
  const revealable = others.filter((p) => may(actor, 'person.revealIdNumber', personTarget(p)));
  for (const s of await data.secretsOf(revealable.map((p) => p._id))) secrets.set(s._id, s);
  const idOf = (p: PersonDoc | undefined) =>
    (p && secrets.get(p._id)?.idNumber) ?? p?.idNumberMasked ?? '';
  const placeOf = (r: { gridId: string }) => known.pathOfNode.get(r.gridId) ?? [];
  const byPlace =
    <T extends { gridId: string }>(key: (t: T) => string) =>
    (a: T, b: T) =>
      placeOf(a).join('/').localeCompare(placeOf(b).join('/'), 'zh') ||
      key(a).localeCompare(key(b), 'zh');

  const rentals = known.rentals.sort(byPlace((r) => r.address)).flatMap((r) => {
    const landlord = people.get(r.landlordId);
    const base = {
      path: placeOf(r),
      address: r.address,
      rooms: String(r.rooms),
      landlordName: landlord?.name ?? '',
      landlordIdNumber: idOf(landlord),
    };
    const tenants = r.tenants.flatMap((t) => {
      const tenant = people.get(t.personId);
      // Someone since removed from the register is listed by nobody.
      if (!tenant) return [];
      return [
        {
          ...base,
          tenantName: tenant.name,
          tenantIdNumber: idOf(tenant),
          leaseStart: t.leaseStart,
          leaseEnd: t.leaseEnd ?? '',
        },
      ];
    });
    const none = { tenantName: '', tenantIdNumber: '', leaseStart: '', leaseEnd: '' };
    return tenants.length > 0 ? tenants : [{ ...base, ...none }];
  });

  const mayCall = known.enterprises.filter((e) =>
    may(actor, 'person.revealPhone', { gridPath: e.gridPath }),
  );
  const phones = new Map(
    (await data.enterprisePhones(mayCall.map((e) => e._id))).map((p) => [p._id, p.phone]),
  );
  const enterprises = known.enterprises.sort(byPlace((e) => e.name)).map((e) => ({
    path: placeOf(e),
    name: e.name,
    address: e.address,
    leaderName: e.leaderName,
    phone: phones.get(e._id) ?? e.phoneMasked ?? '',
    workforce: String(e.workforce),
    status: ENTERPRISE_STATUS_LABELS[e.status],
  }));
  return { rentals, enterprises };
}

/** Only a file the server named for this caller: nobody previews another's upload. */
function isOwnUpload(fileId: string, openid: string): boolean {
  const path = cloudPathOf(fileId);
  const prefix = `${IMPORT_UPLOAD_ROOT}/${openid}/`;
  return (
    path !== null && path.startsWith(prefix) && /^[a-z0-9]+\.xlsx$/.test(path.slice(prefix.length))
  );
}

function viewOf(doc: ImportDoc): ImportView {
  return {
    importId: doc._id,
    gridId: doc.gridId,
    gridName: doc.gridName,
    status: doc.status,
    counts: doc.counts,
    errors: doc.errors,
    errorCount: doc.errorCount,
    progress: { done: doc.done, total: doc.parts },
    createdAt: doc.createdAt.toISOString(),
  };
}

/** Each node of the subtree by its path of names below the import's node. */
function namesBelow(root: GridDoc, subtree: readonly GridDoc[]): Map<string, string[]> {
  const byId = new Map(subtree.map((g) => [g._id, g]));
  const out = new Map<string, string[]>();
  for (const g of subtree) {
    const below = [...g.ancestors.slice(root.ancestors.length + 1), g._id];
    out.set(g._id, g._id === root._id ? [] : below.map((id) => byId.get(id)?.name ?? ''));
  }
  return out;
}

function comparePath(paths: Map<string, string[]>, a: HouseholdDoc, b: HouseholdDoc): number {
  return (paths.get(a.gridId) ?? [])
    .join('/')
    .localeCompare((paths.get(b.gridId) ?? []).join('/'), 'zh');
}

interface ResolvedNodes {
  byPath: Map<string, GridDoc>;
  created: GridDoc[];
  existing: number;
  issues: ImportIssue[];
}

/**
 * The file's node paths against the subtree: existing nodes by name, new ones with ids fixed by
 * the import (a retried commit makes the same node, never a second).
 */
function resolveNodes(
  importId: string,
  root: GridDoc,
  subtree: readonly GridDoc[],
  planned: readonly { path: string[]; row: number; sheet: string }[],
  levels: readonly string[],
): ResolvedNodes {
  const names = namesBelow(root, subtree);
  const byPath = new Map<string, GridDoc>();
  for (const g of subtree) byPath.set(pathKey(names.get(g._id) ?? []), g);
  const created: GridDoc[] = [];
  const issues: ImportIssue[] = [];
  let existing = 0;
  const at = new Date();
  for (const node of planned) {
    const key = pathKey(node.path);
    if (byPath.has(key)) {
      existing += 1;
      continue;
    }
    const parent = byPath.get(pathKey(node.path.slice(0, -1)));
    if (!parent) continue; // its parent was refused already
    const { households, rentals = 0, enterprises = 0 } = parent.counts;
    if (parent.childCount === 0 && households + rentals + enterprises > 0) {
      issues.push({
        sheet: node.sheet,
        row: node.row,
        column: levels[node.path.length - 1] ?? '',
        message: `「${parent.name}」已登记${households > 0 ? '住户' : '出租屋或企业'}，不能在其下再建网格`,
      });
      continue;
    }
    const depth = parent.depth + 1;
    const doc: GridDoc = {
      _id: importedId('g', importId, key),
      name: node.path[node.path.length - 1] ?? '',
      levelName: levels[depth - root.depth - 1] ?? levelNameAt([], depth),
      depth,
      parentId: parent._id,
      ancestors: pathOf(parent),
      childCount: 0,
      counts: { ...EMPTY_COUNTS },
      leader: null,
      createdAt: at,
      updatedAt: at,
    };
    byPath.set(key, doc);
    created.push(doc);
  }
  return { byPath, created, existing, issues };
}

/** Part 0 writes the new nodes; every part resolves paths against the subtree as it now stands. */
async function placeNodes(
  data: ImportData,
  importId: string,
  root: GridDoc,
  part: ImportPartDoc,
  levels: readonly string[],
): Promise<Map<string, GridDoc>> {
  const subtree = await data.subtree(root);
  const resolved = resolveNodes(importId, root, subtree, part.nodes, levels);
  const present = new Set(subtree.map((g) => g._id));
  const missing = resolved.created.filter((g) => !present.has(g._id));
  for (let i = 0; i < missing.length; i += 500) await data.addGrids(missing.slice(i, i + 500));
  return resolved.byPath;
}

/** Reads what the database holds for a run of households, and decides each person. */
async function decide(
  data: ImportData,
  importId: string,
  root: GridDoc,
  households: readonly PlannedHousehold[],
  byPath: ReadonlyMap<string, GridDoc>,
): Promise<PartDecision> {
  const leafOf = (h: PlannedHousehold) => byPath.get(pathKey(h.path))?._id ?? '';
  const existing = await data.householdsAt(
    households.map(leafOf),
    households.map((h) => h.address),
  );
  const householdMap = new Map(existing.map((h) => [householdKey(h.gridId, h.address), h]));
  const idNumbers = households.flatMap((h) =>
    h.people.flatMap((p) => (p.idNumber ? [p.idNumber] : [])),
  );
  const [residents, idSecrets] = await Promise.all([
    data.peopleOf(existing.map((h) => h._id)),
    data.secretsByIdNumbers(idNumbers),
  ]);
  const known = new Map(residents.map((p) => [p._id, p]));
  const elsewhere = idSecrets.filter((s) => !known.has(s._id)).map((s) => s._id);
  const [others, residentSecrets] = await Promise.all([
    data.peopleByIds(elsewhere),
    data.secretsOf(residents.map((p) => p._id)),
  ]);
  for (const p of others) known.set(p._id, p);
  const byIdNumber: PartState['byIdNumber'] = new Map(
    idSecrets.flatMap((s) =>
      s.idNumber ? [[s.idNumber, known.get(s._id) ?? { missing: s._id }] as const] : [],
    ),
  );
  const secrets = new Map([...residentSecrets, ...idSecrets].map((s) => [s._id, s]));
  return decidePart(importId, root._id, households, leafOf, {
    nodes: byPath,
    households: householdMap,
    people: residents,
    byIdNumber,
    secrets,
  });
}

function tally(counts: ImportCounts, decision: PartDecision): void {
  counts.households.create += decision.newHouseholds.length;
  counts.households.existing += decision.householdIds.length - decision.newHouseholds.length;
  for (const p of decision.people) {
    if (p.kind === 'create') counts.people.create += 1;
    else if (p.kind === 'update') counts.people.update += 1;
    else counts.people.unchanged += 1;
  }
}

/**
 * Writes one part: new households, then the full numbers, then the people, then changes, then the
 * marks on the households people went into. Every step skips what is already there, so a part
 * interrupted half-way is finished by the next call.
 */
async function commitPart(
  data: ImportData,
  importId: string,
  root: GridDoc,
  households: readonly PlannedHousehold[],
  byPath: ReadonlyMap<string, GridDoc>,
  at: Date,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const decision = await decide(data, importId, root, households, byPath);
    if (decision.issues.length > 0) {
      // The register changed since the preview (someone joined on WeChat, a number moved away).
      const first = decision.issues[0];
      throw new AppError(
        'CONFLICT',
        `登记信息在预览后有变化（第 ${first?.row ?? 0} 行：${first?.message ?? ''}），请重新上传预览`,
      );
    }
    const leafOf = (h: PlannedHousehold) => byPath.get(pathKey(h.path));
    const fresh: HouseholdDoc[] = decision.newHouseholds.flatMap(({ index, id }) => {
      const h = households[index];
      const leaf = h ? leafOf(h) : undefined;
      if (!h || !leaf) return [];
      const code = newCode(HOUSEHOLD_CODE_LENGTH, secureRandom);
      return [
        {
          _id: id,
          gridId: leaf._id,
          gridPath: pathOf(leaf),
          address: h.address,
          code,
          contact: null,
          createdAt: at,
          ...householdSearchIndex({ address: h.address, code }),
        },
      ];
    });
    try {
      await data.addHouseholds(fresh);
    } catch (e) {
      // A door code that happened to be taken: draw again (the whole batch was refused).
      if (isDuplicateKey(e) && attempt < 3) continue;
      throw e;
    }
    const householdOf = new Map(
      decision.householdIds.map((id, i) => [id, households[i] ? leafOf(households[i]) : undefined]),
    );
    const creates = decision.people.flatMap((p) => (p.kind === 'create' ? [p] : []));
    const storedSecrets = new Set(
      (await data.secretsOf(creates.map((p) => p.personId))).map((s) => s._id),
    );
    const newSecrets = creates.flatMap((p) =>
      (p.person.idNumber || p.person.phone) && !storedSecrets.has(p.personId)
        ? [{ _id: p.personId, idNumber: p.person.idNumber, phone: p.person.phone }]
        : [],
    );
    await data.addSecrets(newSecrets);
    const newPeople: PersonDoc[] = creates.flatMap((p) => {
      const leaf = householdOf.get(p.household);
      if (!leaf) return [];
      const masked = {
        name: p.person.name,
        idNumberMasked: p.person.idNumber ? maskIdNumber(p.person.idNumber) : null,
        phoneMasked: p.person.phone ? maskPhone(p.person.phone) : null,
      };
      return [
        {
          _id: p.personId,
          householdId: p.household,
          gridId: leaf._id,
          gridPath: pathOf(leaf),
          relation: p.person.relation,
          ...masked,
          openid: null,
          proxy: null,
          createdAt: at,
          ...personSearchIndex(masked),
        },
      ];
    });
    const storedPeople = new Set(
      (await data.peopleByIds(newPeople.map((p) => p._id))).map((p) => p._id),
    );
    await data.addPeople(newPeople.filter((p) => !storedPeople.has(p._id)));
    for (const change of decision.people) {
      if (change.kind !== 'update') continue;
      const leaf = householdOf.get(change.household);
      if (change.secret) await data.setSecret({ _id: change.personId, ...change.secret });
      const fields: Record<string, unknown> = { ...change.fields };
      if (change.moved && leaf) {
        fields['householdId'] = change.household;
        fields['gridId'] = leaf._id;
        fields['gridPath'] = pathOf(leaf);
      }
      if (Object.keys(fields).length > 0) await data.updatePerson(change.personId, fields);
    }
    // Then the households that received someone are marked, as the register marks them: a removal
    // that found one empty before now fails. One removed first is gone with the people just put in
    // it: they are taken back and the part decided afresh, which makes the household again from
    // the file, so the import still ends with the register the file holds.
    const received = decision.people.flatMap((p) =>
      p.kind === 'create' || (p.kind === 'update' && p.moved) ? [p.household] : [],
    );
    const gone = new Set(await data.touchHouseholds(received));
    if (gone.size === 0) return;
    await data.removeCreated(
      creates.filter((p) => gone.has(p.household)).map((p) => p.personId),
      [...gone],
    );
    // Still racing removals after a few rounds: the part stays undone, for 继续导入 to finish.
    if (attempt >= 3) throw new AppError('CONFLICT', '导入时有住户被删除，请稍后点“继续导入”');
  }
}

/**
 * Sets the subtree counters of every node of the import's whole tree (from its top node down) to
 * what the database counts: an import interrupted and resumed, or run twice, leaves the same
 * counters, which increments could not promise. Calls grow with the nodes, not the people.
 */
async function recount(grids: GridData, data: ImportData, node: GridDoc): Promise<void> {
  const top = node.ancestors.length > 0 ? await grids.grid(node.ancestors[0] ?? '') : node;
  if (!top) return;
  const [subtree, perNode] = await Promise.all([data.subtree(top), data.countsUnder(top._id)]);
  const totals = new Map<string, SubtreeCounts>(
    subtree.map((g) => [
      g._id,
      {
        nodes: 0,
        households: perNode.households.get(g._id) ?? 0,
        people: perNode.people.get(g._id) ?? 0,
        members: perNode.members.get(g._id) ?? 0,
        rentals: perNode.rentals.get(g._id) ?? 0,
        enterprises: perNode.enterprises.get(g._id) ?? 0,
      },
    ]),
  );
  const children = new Map<string, number>();
  // Deepest first, so each node's totals are complete before they are added to its parent.
  for (const g of [...subtree].sort((a, b) => b.depth - a.depth)) {
    const parent = g.parentId ? totals.get(g.parentId) : undefined;
    const mine = totals.get(g._id);
    if (!mine || !parent || !g.parentId) continue;
    parent.nodes += mine.nodes + 1;
    parent.households += mine.households;
    parent.people += mine.people;
    parent.members += mine.members;
    parent.rentals = (parent.rentals ?? 0) + (mine.rentals ?? 0);
    parent.enterprises = (parent.enterprises ?? 0) + (mine.enterprises ?? 0);
    children.set(g.parentId, (children.get(g.parentId) ?? 0) + 1);
  }
  const writes = subtree.flatMap((g) => {
    const counts = totals.get(g._id);
    const childCount = children.get(g._id) ?? 0;
    if (!counts) return [];
    const same =
      g.childCount === childCount &&
      (Object.keys(counts) as (keyof SubtreeCounts)[]).every(
        (k) => (g.counts[k] ?? 0) === counts[k],
      );
    return same ? [] : [() => data.setCounts(g._id, counts, childCount)];
  });
  for (let i = 0; i < writes.length; i += 20)
    await Promise.all(writes.slice(i, i + 20).map((w) => w()));
}

interface TargetRun {
  rentals: readonly PlannedRental[];
  enterprises: readonly PlannedEnterprise[];
  byPath: ReadonlyMap<string, GridDoc>;
  /** ID number → name of the file's own people (a preview's; a commit finds them written). */
  inFile: ReadonlyMap<string, string>;
}

/**
 * Reads what the registers hold for a run of rentals and enterprises (the records at their doors
 * and names, the people their ID numbers name, the 负责人's phones) and decides each: five reads
 * whatever the run's size.
 */
async function decideTargetPart(
  data: ImportData,
  actor: Actor,
  importId: string,
  run: TargetRun,
): Promise<TargetDecision> {
  const leafOf = (path: readonly string[]) => run.byPath.get(pathKey(path))?._id ?? '';
  const idNumbers = run.rentals.flatMap((r) => [
    r.landlord.idNumber,
    ...r.tenants.map((t) => t.idNumber),
  ]);
  const [rentals, enterprises, idSecrets] = await Promise.all([
    data.rentalsAt(
      run.rentals.map((r) => leafOf(r.path)),
      run.rentals.map((r) => r.address),
    ),
    data.enterprisesAt(
      run.enterprises.map((e) => leafOf(e.path)),
      run.enterprises.map((e) => e.fields.name),
    ),
    data.secretsByIdNumbers(idNumbers),
  ]);
  const [people, phones] = await Promise.all([
    data.peopleByIds(idSecrets.map((s) => s._id)),
    data.enterprisePhones(enterprises.map((e) => e._id)),
  ]);
  const personById = new Map(people.map((p) => [p._id, p]));
  return decideTargets(
    run.rentals,
    run.enterprises,
    leafOf,
    (kind, key) => importedId(kind, importId, key),
    {
      rentals: new Map(rentals.map((r) => [targetKey(r.gridId, r.address), r])),
      enterprises: new Map(enterprises.map((e) => [targetKey(e.gridId, e.name), e])),
      phones: new Map(phones.map((p) => [p._id, p.phone])),
      byIdNumber: new Map(
        idSecrets.flatMap((s) => {
          const p = personById.get(s._id);
          return s.idNumber && p ? [[s.idNumber, p] as const] : [];
        }),
      ),
      inFile: run.inFile,
      // As the rental forms: a landlord or a tenant is someone the caller sees.
      sees: (p) => may(actor, 'households.read', personTarget(p)),
    },
  );
}

function tallyTargets(counts: ImportCounts, decision: TargetDecision): void {
  for (const r of decision.rentals) counts.rentals[r.kind] += 1;
  for (const e of decision.enterprises) counts.enterprises[e.kind] += 1;
}

/**
 * Writes one part's rentals and enterprises: the 负责人's full phones first (only ever in
 * enterpriseSecrets), then the new records, then the changes. The part is decided afresh from the
 * registers, so one interrupted half-way is finished by the next call and never doubled.
 */
async function commitTargets(
  data: ImportData,
  actor: Actor,
  importId: string,
  part: ImportPartDoc,
  byPath: ReadonlyMap<string, GridDoc>,
  at: Date,
): Promise<void> {
  const decision = await decideTargetPart(data, actor, importId, {
    rentals: part.rentals ?? [],
    enterprises: part.enterprises ?? [],
    byPath,
    inFile: new Map(),
  });
  const first = decision.issues[0];
  if (first) {
    throw new AppError(
      'CONFLICT',
      `登记信息在预览后有变化（「${first.sheet}」第 ${first.row} 行：${first.message}），请重新上传预览`,
    );
  }
  const leafById = new Map([...byPath.values()].map((g) => [g._id, g]));
  const enterpriseCreates = decision.enterprises.flatMap((e) => (e.kind === 'create' ? [e] : []));
  const storedPhones = new Set(
    (await data.enterprisePhones(enterpriseCreates.map((e) => e.enterpriseId))).map((p) => p._id),
  );
  await data.addEnterprisePhones(
    enterpriseCreates.flatMap((e) =>
      e.edit.phone && !storedPhones.has(e.enterpriseId)
        ? [{ _id: e.enterpriseId, phone: e.edit.phone }]
        : [],
    ),
  );
  const newRentals: RentalDoc[] = decision.rentals.flatMap((r) => {
    const leaf = r.kind === 'create' ? leafById.get(r.gridId) : undefined;
    if (r.kind !== 'create' || !leaf || r.landlordId === null) return [];
    return [
      {
        _id: r.rentalId,
        gridId: leaf._id,
        gridPath: pathOf(leaf),
        ...rentalFields({
          place: r.rental.place,
          rooms: r.rental.rooms,
          landlordId: r.landlordId,
          note: '',
        }),
        tenants: r.tenants,
        createdBy: actor.openid,
        createdAt: at,
        updatedAt: at,
        rev: 0,
      },
    ];
  });
  const newEnterprises: EnterpriseDoc[] = enterpriseCreates.flatMap((e) => {
    const leaf = leafById.get(e.gridId);
    if (!leaf) return [];
    return [
      {
        _id: e.enterpriseId,
        gridId: leaf._id,
        gridPath: pathOf(leaf),
        ...e.edit.set,
        createdBy: actor.openid,
        createdAt: at,
        updatedAt: at,
      },
    ];
  });
  try {
    await data.addRentals(newRentals);
    await data.addEnterprises(newEnterprises);
  } catch (e) {
    // Someone registered the same door or name since this part was decided: decide it again.
    if (isDuplicateKey(e))
      throw new AppError('CONFLICT', '导入时有出租屋或企业被他人登记，请点“继续导入”');
    throw e;
  }
  for (const r of decision.rentals) {
    if (r.kind !== 'update') continue;
    if (!(await data.updateRental(r.rentalId, r.rev, { ...r.set, updatedAt: at })))
      throw new AppError('CONFLICT', '导入时有出租屋被他人修改，请点“继续导入”');
  }
  for (const e of decision.enterprises) {
    if (e.kind !== 'update') continue;
    if (e.edit.changed.includes('phone'))
      await data.setEnterprisePhone(e.enterpriseId, e.edit.phone);
    await data.updateEnterprise(e.enterpriseId, { ...e.edit.set, updatedAt: at });
  }
}
