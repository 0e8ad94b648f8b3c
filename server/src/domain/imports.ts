import { createHash } from 'node:crypto';
import * as v from 'valibot';
import {
  AddressSchema,
  GridNameSchema,
  IMPORT_SHEETS,
  IdNumberSchema,
  PersonNameSchema,
  PhoneSchema,
  REGISTER_COLUMNS,
  RELATIONS,
  maskIdNumber,
  maskPhone,
  type ImportIssue,
  type Relation,
} from '@gridguard/types';
import {
  planEnterprises,
  planRentals,
  type PlannedEnterprise,
  type PlannedRental,
  type SheetEnterpriseRow,
  type SheetRentalRow,
} from './import-targets';
import type { GridDoc, HouseholdDoc, PersonDoc, PersonSecretDoc } from './records';
import { personSearchIndex, type SearchIndex } from './search';

/**
 * 导入登记表 in plain TypeScript: what a filled register means (the rows checked and grouped into
 * nodes, households and people), and how a part of it meets what the database already holds. The
 * natural keys make an import idempotent: a node by its path of names, a household by its node and
 * door, a person by ID number, else by household and name.
 */

export interface SheetTreeRow {
  row: number;
  path: string[];
}

export interface SheetRegisterRow extends SheetTreeRow {
  address: string;
  name: string;
  relation: string;
  idNumber: string;
  phone: string;
  idNumberWasNumber: boolean;
}

export interface PlannedPerson {
  row: number;
  name: string;
  relation: Relation;
  /** Null when the row gives none; `keep` when it gives a masked one (from an export). */
  idNumber: string | null;
  phone: string | null;
  keepIdNumber: boolean;
  keepPhone: boolean;
}

export interface PlannedHousehold {
  /** The row that opened the household: errors about the door point there. */
  row: number;
  /** Node names below the import's node; empty puts the household on the node itself. */
  path: string[];
  address: string;
  people: PlannedPerson[];
}

export interface RegisterPlan {
  /** Every node path the file names, parents before children. */
  nodes: { path: string[]; row: number; sheet: string }[];
  households: PlannedHousehold[];
  rentals: PlannedRental[];
  enterprises: PlannedEnterprise[];
  issues: ImportIssue[];
}

const MASKED_ID = /^\d{4}\*{10}[\dX]{4}$/;
const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;

export const pathKey = (path: readonly string[]) => path.join('\u0000');

function firstMessage(schema: v.GenericSchema, value: unknown): string | null {
  const result = v.safeParse(schema, value);
  return result.success ? null : (result.issues[0]?.message ?? '格式不正确');
}

/** The rows of every sheet checked and grouped; pure, so the preview and the tests share it. */
export function planRegister(
  levels: readonly string[],
  tree: readonly SheetTreeRow[],
  register: readonly SheetRegisterRow[],
  targets: {
    rentals: readonly SheetRentalRow[];
    enterprises: readonly SheetEnterpriseRow[];
  } = { rentals: [], enterprises: [] },
): RegisterPlan {
  const issues: ImportIssue[] = [];
  const nodes = new Map<string, { path: string[]; row: number; sheet: string }>();
  const issue = (sheet: string, row: number, column: string, message: string) =>
    issues.push({ sheet, row, column, message });

  /** Checks a path's names; adds it and its parents to the node list when sound. */
  const takePath = (sheet: string, row: number, path: readonly string[]): boolean => {
    let sound = true;
    path.forEach((name, i) => {
      const level = levels[i] ?? `第${i + 1}级`;
      if (name === '') {
        issue(sheet, row, level, `请填写「${level}」（下级网格已填写）`);
        sound = false;
        return;
      }
      const message = firstMessage(GridNameSchema, name);
      if (message) {
        issue(sheet, row, level, message);
        sound = false;
      }
    });
    if (!sound) return false;
    for (let depth = 1; depth <= path.length; depth += 1) {
      const prefix = path.slice(0, depth);
      const key = pathKey(prefix);
      if (!nodes.has(key)) nodes.set(key, { path: prefix, row, sheet });
    }
    return true;
  };

  for (const r of tree) takePath(IMPORT_SHEETS.tree, r.row, r.path);

  const sheet = IMPORT_SHEETS.register;
  const households: PlannedHousehold[] = [];
  const householdRow = new Map<string, number>();
  const idRows = new Map<string, number>();
  let current: PlannedHousehold | null = null;
  let currentKey = '';
  let previousPath: string[] | null = null;
  for (const r of register) {
    // A row with no node and no door continues the household above (a family listed under its head).
    const continues = r.path.length === 0 && r.address === '';
    if (!continues) {
      const inheritsPath = r.path.length === 0 && levels.length > 0;
      const path: string[] | null = inheritsPath ? previousPath : r.path;
      if (path === null) {
        issue(sheet, r.row, levels[0] ?? '', `请填写「${levels[0] ?? '网格'}」`);
        current = null;
        continue;
      }
      if (!inheritsPath && !takePath(sheet, r.row, path)) {
        current = null;
        continue;
      }
      previousPath = path;
      const addressProblem =
        r.address === '' ? '请填写门牌地址' : firstMessage(AddressSchema, r.address);
      if (addressProblem) {
        issue(sheet, r.row, REGISTER_COLUMNS.address, addressProblem);
        current = null;
        continue;
      }
      const key = `${pathKey(path)}\u0001${r.address}`;
      if (key !== currentKey || current === null) {
        const seen = householdRow.get(key);
        if (seen !== undefined) {
          issue(
            sheet,
            r.row,
            REGISTER_COLUMNS.address,
            `门牌地址与第 ${seen} 行相同：同一户的人请连续填写`,
          );
          current = null;
          continue;
        }
        current = { row: r.row, path, address: r.address, people: [] };
        households.push(current);
        householdRow.set(key, r.row);
        currentKey = key;
      }
    } else if (current === null) {
      issue(sheet, r.row, REGISTER_COLUMNS.address, '请填写门牌地址');
      continue;
    }
    const person = personOf(r, issue);
    if (person === 'none') continue;
    if (person === null || current === null) continue;
    if (person.idNumber) {
      const seen = idRows.get(person.idNumber);
      if (seen !== undefined) {
        issue(sheet, r.row, REGISTER_COLUMNS.idNumber, `身份证号与第 ${seen} 行重复`);
        continue;
      }
      idRows.set(person.idNumber, r.row);
    }
    const namesake = current.people.find(
      (p) => p.name === person.name && (p.idNumber === null || person.idNumber === null),
    );
    if (namesake) {
      issue(
        sheet,
        r.row,
        REGISTER_COLUMNS.name,
        `同一户已有「${person.name}」（第 ${namesake.row} 行）：同名的人请填写身份证号加以区分`,
      );
      continue;
    }
    current.people.push(person);
  }

  const rentals = planRentals(levels, targets.rentals, takePath, issue);
  const enterprises = planEnterprises(levels, targets.enterprises, takePath, issue);

  // Households, rentals and enterprises sit on the last level of their branch: no node the file
  // names may be below them.
  const parents = new Set([...nodes.values()].map((n) => pathKey(n.path.slice(0, -1))));
  const onLeaf = (what: string, at: string, placed: readonly { row: number; path: string[] }[]) => {
    for (const h of placed) {
      if (h.path.length > 0 && parents.has(pathKey(h.path))) {
        issue(
          at,
          h.row,
          levels[h.path.length - 1] ?? '',
          `「${h.path.join('/')}」下还有下级网格，${what}只能登记在最末一级网格`,
        );
      }
    }
  };
  onLeaf('住户', sheet, households);
  onLeaf('出租屋', IMPORT_SHEETS.rentals, rentals);
  onLeaf('企业', IMPORT_SHEETS.enterprises, enterprises);
  const ordered = [...nodes.values()].sort((a, b) => a.path.length - b.path.length);
  return { nodes: ordered, households, rentals, enterprises, issues: sortIssues(issues) };
}

const SHEET_ORDER: readonly string[] = [
  IMPORT_SHEETS.tree,
  IMPORT_SHEETS.register,
  IMPORT_SHEETS.rentals,
  IMPORT_SHEETS.enterprises,
];

export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  const sheetOrder = (s: string) => Math.max(0, SHEET_ORDER.indexOf(s));
  return issues.sort((a, b) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || a.row - b.row);
}

/** One row's person, null after an issue, 'none' for a household listed without people. */
function personOf(
  r: SheetRegisterRow,
  issue: (sheet: string, row: number, column: string, message: string) => void,
): PlannedPerson | null | 'none' {
  const sheet = IMPORT_SHEETS.register;
  if (r.name === '' && r.relation === '' && r.idNumber === '' && r.phone === '') return 'none';
  let sound = true;
  const problem = (column: string, message: string | null) => {
    if (message === null) return;
    issue(sheet, r.row, column, message);
    sound = false;
  };
  problem(
    REGISTER_COLUMNS.name,
    r.name === '' ? '请填写姓名' : firstMessage(PersonNameSchema, r.name),
  );
  const relation = RELATIONS.find((x) => x === r.relation);
  problem(
    REGISTER_COLUMNS.relation,
    r.relation === ''
      ? '请填写与户主关系'
      : relation
        ? null
        : `与户主关系应为：${RELATIONS.join('、')}`,
  );
  const keepIdNumber = MASKED_ID.test(r.idNumber);
  let idNumber: string | null = null;
  if (r.idNumber !== '' && !keepIdNumber) {
    if (r.idNumberWasNumber) {
      problem(
        REGISTER_COLUMNS.idNumber,
        '身份证号被存成了数字（Excel 会改写末几位），请把该列设为文本后重新填写',
      );
    } else {
      const message = firstMessage(IdNumberSchema, r.idNumber);
      problem(REGISTER_COLUMNS.idNumber, message);
      if (message === null) idNumber = v.parse(IdNumberSchema, r.idNumber);
    }
  }
  const keepPhone = MASKED_PHONE.test(r.phone);
  let phone: string | null = null;
  if (r.phone !== '' && !keepPhone) {
    const message = firstMessage(PhoneSchema, r.phone);
    problem(REGISTER_COLUMNS.phone, message);
    if (message === null) phone = v.parse(PhoneSchema, r.phone);
  }
  if (!sound || !relation) return null;
  return { row: r.row, name: r.name, relation, idNumber, phone, keepIdNumber, keepPhone };
}

/** A short, stable id for a record an import creates: the same import and key give the same id. */
export function importedId(
  prefix: 'g' | 'h' | 'p' | 'r' | 'e',
  importId: string,
  key: string,
): string {
  const digest = createHash('sha256').update(`${importId}\u0002${key}`).digest('hex');
  return `${prefix}-i${digest.slice(0, 20)}`;
}

/** What the database already holds for one part of an import, fetched by the runtime. */
export interface PartState {
  /** The import's node and every node below it, by path of names below the node. */
  nodes: ReadonlyMap<string, GridDoc>;
  /** Existing households of the part, by `${gridId}\u0001${address}`. */
  households: ReadonlyMap<string, HouseholdDoc>;
  /** The people of those households. */
  people: readonly PersonDoc[];
  /** People anywhere whose ID number the part gives, by that number. */
  byIdNumber: ReadonlyMap<string, PersonDoc | { missing: string }>;
  /** The secrets of every person above. */
  secrets: ReadonlyMap<string, PersonSecretDoc>;
}

export const householdKey = (gridId: string, address: string) => `${gridId}\u0001${address}`;

/** What an import rewrites on a person it finds: the sheet's values, and the keys they make. */
type PersonFieldChanges = Partial<
  Pick<PersonDoc, 'name' | 'relation' | 'idNumberMasked' | 'phoneMasked'> & SearchIndex
>;

export type PersonChange =
  | { kind: 'create'; personId: string; household: string; person: PlannedPerson }
  | {
      kind: 'update';
      personId: string;
      household: string;
      fields: PersonFieldChanges;
      /** Moved here from another household of the subtree. */
      moved: boolean;
      secret: { idNumber: string | null; phone: string | null } | null;
    }
  | { kind: 'unchanged'; personId: string };

export interface PartDecision {
  /** Households the part creates: their planned index and new id. */
  newHouseholds: { index: number; id: string }[];
  /** Planned household index → the id it has or will have. */
  householdIds: string[];
  people: PersonChange[];
  issues: ImportIssue[];
}

/**
 * How one part of the plan meets the database: which households exist, and for each person
 * whether they are new, changed, moved within the subtree, or unchanged. `leafOf` gives the node a
 * planned household sits on (existing or created by this import).
 */
export function decidePart(
  importId: string,
  rootId: string,
  households: readonly PlannedHousehold[],
  leafOf: (h: PlannedHousehold) => string,
  state: PartState,
): PartDecision {
  const issues: ImportIssue[] = [];
  const sheet = IMPORT_SHEETS.register;
  const newHouseholds: { index: number; id: string }[] = [];
  const householdIds = households.map((h, index) => {
    const gridId = leafOf(h);
    const existing = state.households.get(householdKey(gridId, h.address));
    if (existing) return existing._id;
    const id = importedId('h', importId, householdKey(gridId, h.address));
    newHouseholds.push({ index, id });
    return id;
  });
  const byHousehold = new Map<string, PersonDoc[]>();
  for (const p of state.people) {
    const list = byHousehold.get(p.householdId) ?? [];
    list.push(p);
    byHousehold.set(p.householdId, list);
  }
  const taken = new Set<string>();
  const people: PersonChange[] = [];
  households.forEach((h, index) => {
    const household = householdIds[index] ?? '';
    for (const planned of h.people) {
      const found = planned.idNumber ? state.byIdNumber.get(planned.idNumber) : undefined;
      if (found && 'missing' in found) {
        // A secret left by an interrupted import whose person was never written: finish it.
        people.push({ kind: 'create', personId: found.missing, household, person: planned });
        continue;
      }
      let match: PersonDoc | undefined = found;
      if (match && !match.gridPath.includes(rootId)) {
        issues.push({
          sheet,
          row: planned.row,
          column: REGISTER_COLUMNS.idNumber,
          message: '该身份证号已登记在本网格以外的住户，请联系其所在网格处理',
        });
        continue;
      }
      if (match && match.householdId !== household && match.openid) {
        issues.push({
          sheet,
          row: planned.row,
          column: REGISTER_COLUMNS.idNumber,
          message: '此人已在微信上加入其他住户，不能通过导入迁移，请其本人在小程序中操作',
        });
        continue;
      }
      match ??= (byHousehold.get(household) ?? []).find(
        (p) =>
          p.name === planned.name &&
          !taken.has(p._id) &&
          // Someone of the same name with another ID number is another person.
          !(planned.idNumber && state.secrets.get(p._id)?.idNumber),
      );
      if (!match) {
        people.push({
          kind: 'create',
          personId: importedId('p', importId, `${household}\u0001${planned.row}`),
          household,
          person: planned,
        });
        continue;
      }
      taken.add(match._id);
      people.push(changeOf(match, household, planned, state.secrets.get(match._id)));
    }
  });
  return { newHouseholds, householdIds, people, issues };
}

function changeOf(
  person: PersonDoc,
  household: string,
  planned: PlannedPerson,
  secret: PersonSecretDoc | undefined,
): PersonChange {
  const idNumber = planned.keepIdNumber ? (secret?.idNumber ?? null) : planned.idNumber;
  const phone = planned.keepPhone ? (secret?.phone ?? null) : planned.phone;
  // A blank cell keeps what is stored: a register without phones must not wipe them.
  const nextId = idNumber ?? secret?.idNumber ?? null;
  const nextPhone = phone ?? secret?.phone ?? null;
  const fields: PersonFieldChanges = {};
  if (person.name !== planned.name) fields.name = planned.name;
  if (person.relation !== planned.relation) fields.relation = planned.relation;
  const idMasked = nextId ? maskIdNumber(nextId) : null;
  const phoneMasked = nextPhone ? maskPhone(nextPhone) : null;
  if (person.idNumberMasked !== idMasked) fields.idNumberMasked = idMasked;
  if (person.phoneMasked !== phoneMasked) fields.phoneMasked = phoneMasked;
  // What the person is found by follows the name and numbers (domain/search.ts).
  if (fields.name !== undefined || 'idNumberMasked' in fields || 'phoneMasked' in fields)
    Object.assign(
      fields,
      personSearchIndex({ name: planned.name, idNumberMasked: idMasked, phoneMasked }),
    );
  const secretChanged =
    (secret?.idNumber ?? null) !== nextId || (secret?.phone ?? null) !== nextPhone;
  const moved = person.householdId !== household;
  if (Object.keys(fields).length === 0 && !secretChanged && !moved) {
    return { kind: 'unchanged', personId: person._id };
  }
  return {
    kind: 'update',
    personId: person._id,
    household,
    fields,
    moved,
    secret: secretChanged ? { idNumber: nextId, phone: nextPhone } : null,
  };
}
