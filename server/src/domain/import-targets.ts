import * as v from 'valibot';
import {
  ENTERPRISE_COLUMNS,
  ENTERPRISE_STATUS_LABELS,
  ENTERPRISE_STATUSES,
  EnterpriseFieldsSchema,
  IMPORT_SHEETS,
  IdNumberSchema,
  LeaseSchema,
  PersonNameSchema,
  RENTAL_COLUMNS,
  RENTAL_TENANTS_MAX,
  RentalFieldsSchema,
  type EnterpriseFields,
  type EnterpriseStatus,
  type HouseholdPlace,
  type ImportIssue,
  type Lease,
} from '@gridguard/types';
import type { EnterpriseDoc, PersonDoc, RentalDoc, TenantEntry } from './records';
import { changeTenants, enterpriseEdit, type EnterpriseEdit } from './targets';

/**
 * The 出租屋 and 企业 sheets of 导入登记表: what their rows mean, and how they meet the registers.
 * Each row is checked by the schemas the `targets` actions use, so a rental or an enterprise that
 * the form would refuse is refused by the file in the same words. A rental is found by its node and
 * door, an enterprise by its node and name, so importing a file again changes nothing.
 *
 * A rental's landlord and tenants are people of the register, found by ID number: the name beside
 * it catches a mistyped number. An import adds tenants and changes their leases; it never unlinks
 * one (a file listing some of a rental's tenants is not a list of who moved out).
 */

export interface SheetRentalRow {
  row: number;
  path: string[];
  address: string;
  rooms: string;
  landlordName: string;
  landlordIdNumber: string;
  tenantName: string;
  tenantIdNumber: string;
  leaseStart: string;
  leaseEnd: string;
  landlordIdWasNumber: boolean;
  tenantIdWasNumber: boolean;
}

export interface SheetEnterpriseRow {
  row: number;
  path: string[];
  name: string;
  address: string;
  leaderName: string;
  phone: string;
  workforce: string;
  status: string;
}

/** Someone of the register a rental names, as the file gives them. */
export interface NamedPerson {
  row: number;
  name: string;
  idNumber: string;
}

export interface PlannedTenant extends NamedPerson {
  lease: Lease;
}

export interface PlannedRental {
  row: number;
  path: string[];
  address: string;
  place: HouseholdPlace;
  rooms: number;
  landlord: NamedPerson;
  tenants: PlannedTenant[];
}

export interface PlannedEnterprise {
  row: number;
  path: string[];
  /** What the form would send; `phone` undefined keeps the stored one (blank or masked cell). */
  fields: Omit<EnterpriseFields, 'note'>;
}

type Issue = (sheet: string, row: number, column: string, message: string) => void;

/** Checks a row's node path and adds it to the nodes the file names; false after an issue. */
export type TakePath = (sheet: string, row: number, path: readonly string[]) => boolean;

const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;
const RentalPlaceSchema = RentalFieldsSchema.entries.place;
const RoomsSchema = RentalFieldsSchema.entries.rooms;

/** The first message of each top-level field a schema refuses. */
function fieldMessages(schema: v.GenericSchema, value: unknown): Map<string, string> {
  const result = v.safeParse(schema, value);
  const out = new Map<string, string>();
  if (result.success) return out;
  for (const issue of result.issues) {
    const key = issue.path?.[0]?.key;
    const field = typeof key === 'string' ? key : '';
    if (!out.has(field)) out.set(field, issue.message);
  }
  return out;
}

/** A whole number typed into a cell; text that is no number at all gets its own message. */
function numberCell(text: string): number | undefined | 'text' {
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : 'text';
}

/** 2020/2/1, 2020.2.1 and 2020年2月1日 as the schemas' 2020-02-01; anything else as typed. */
export function dayCell(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) return text;
  return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
}

/** The address a sheet's 门牌地址 makes: the whole text as the place's first part. */
function placeOf(address: string): { place: HouseholdPlace } | { message: string } {
  const result = v.safeParse(RentalPlaceSchema, { street: address });
  return result.success
    ? { place: result.output }
    : { message: result.issues[0]?.message ?? '门牌地址格式不正确' };
}

/**
 * Rows whose levels are blank repeat the levels above (merged cells), as on the people sheet.
 * Answers the row's path, or null after an issue.
 */
function pathReader(levels: readonly string[], sheet: string, takePath: TakePath, issue: Issue) {
  let previous: string[] | null = null;
  return (row: number, path: string[]): string[] | null => {
    const inherits = path.length === 0 && levels.length > 0;
    if (inherits) {
      if (previous === null) issue(sheet, row, levels[0] ?? '', `请填写「${levels[0] ?? '网格'}」`);
      return previous;
    }
    if (!takePath(sheet, row, path)) return null;
    previous = path;
    return path;
  };
}

/** A person a rental names: a name and a full ID number, or null after an issue. */
function namedPerson(
  row: number,
  name: string,
  idNumber: string,
  idWasNumber: boolean,
  columns: { name: string; idNumber: string },
  issue: (column: string, message: string) => void,
): NamedPerson | null {
  let sound = true;
  const nameProblem = v.safeParse(PersonNameSchema, name);
  if (name === '' || !nameProblem.success) {
    issue(
      columns.name,
      name === ''
        ? `请填写${columns.name}`
        : (nameProblem.issues?.[0]?.message ?? '姓名格式不正确'),
    );
    sound = false;
  }
  let id = '';
  if (idNumber === '') {
    issue(columns.idNumber, `请填写${columns.idNumber}（按身份证号对应登记表中的人员）`);
    sound = false;
  } else if (idWasNumber) {
    issue(
      columns.idNumber,
      '身份证号被存成了数字（Excel 会改写末几位），请把该列设为文本后重新填写',
    );
    sound = false;
  } else {
    const parsed = v.safeParse(IdNumberSchema, idNumber);
    if (parsed.success) id = parsed.output;
    else {
      issue(columns.idNumber, parsed.issues[0]?.message ?? '身份证号格式不正确');
      sound = false;
    }
  }
  if (!sound || !nameProblem.success) return null;
  return { row, name: nameProblem.output, idNumber: id };
}

/** The 出租屋 sheet checked and grouped: a rental's tenants on the rows that follow it. */
export function planRentals(
  levels: readonly string[],
  rows: readonly SheetRentalRow[],
  takePath: TakePath,
  issue: Issue,
): PlannedRental[] {
  const sheet = IMPORT_SHEETS.rentals;
  const C = RENTAL_COLUMNS;
  const readPath = pathReader(levels, sheet, takePath, issue);
  const rentals: PlannedRental[] = [];
  const opened = new Map<string, number>();
  /** The rental rows below belong to; `broken` when its first row was refused. */
  let current: PlannedRental | 'broken' | null = null;
  let currentKey = '';
  for (const r of rows) {
    const at = (column: string, message: string) => issue(sheet, r.row, column, message);
    const continues = r.path.length === 0 && r.address === '';
    if (!continues) {
      const path = readPath(r.row, r.path);
      if (path === null) {
        current = 'broken';
        continue;
      }
      if (r.address === '') {
        at(C.address, '请填写门牌地址');
        current = 'broken';
        continue;
      }
      const place = placeOf(r.address);
      if ('message' in place) {
        at(C.address, place.message);
        current = 'broken';
        continue;
      }
      const address = r.address;
      const key = `${path.join('\u0000')}\u0001${address}`;
      if (key !== currentKey || current === null) {
        const seen = opened.get(key);
        currentKey = key;
        if (seen !== undefined) {
          at(C.address, `门牌地址与第 ${seen} 行相同：同一出租屋的租客请连续填写`);
          current = 'broken';
          continue;
        }
        opened.set(key, r.row);
        current = openRental(r, path, address, place.place, at);
        if (current !== 'broken') rentals.push(current);
      }
    } else if (current === null) {
      at(C.address, '请填写门牌地址');
      continue;
    }
    if (current !== 'broken' && current.row !== r.row) sameRental(current, r, at);
    const tenant = tenantOf(r, at);
    if (tenant === null || tenant === 'none' || current === 'broken') continue;
    if (tenant.idNumber === current.landlord.idNumber) {
      at(C.tenantIdNumber, '房东不能同时登记为本出租屋的租客');
    } else if (current.tenants.some((t) => t.idNumber === tenant.idNumber)) {
      const first = current.tenants.find((t) => t.idNumber === tenant.idNumber);
      at(C.tenantIdNumber, `租客与第 ${first?.row ?? 0} 行重复`);
    } else if (current.tenants.length >= RENTAL_TENANTS_MAX) {
      at(C.tenantIdNumber, `一处出租屋最多登记 ${RENTAL_TENANTS_MAX} 名租客`);
    } else current.tenants.push(tenant);
  }
  return rentals;
}

/** The first row of a rental: its rooms and landlord, checked; 'broken' after an issue. */
function openRental(
  r: SheetRentalRow,
  path: string[],
  address: string,
  place: HouseholdPlace,
  at: (column: string, message: string) => void,
): PlannedRental | 'broken' {
  const C = RENTAL_COLUMNS;
  const rooms = numberCell(r.rooms);
  let roomsValue: number | null = null;
  if (rooms === 'text') at(C.rooms, '房间数请填写数字');
  else {
    const parsed = v.safeParse(RoomsSchema, rooms);
    if (parsed.success) roomsValue = parsed.output;
    else at(C.rooms, parsed.issues[0]?.message ?? '房间数格式不正确');
  }
  const landlord = namedPerson(
    r.row,
    r.landlordName,
    r.landlordIdNumber,
    r.landlordIdWasNumber,
    { name: C.landlordName, idNumber: C.landlordIdNumber },
    at,
  );
  if (roomsValue === null || landlord === null) return 'broken';
  return { row: r.row, path, address, place, rooms: roomsValue, landlord, tenants: [] };
}

/** A rental's later rows may repeat its rooms and landlord, but not contradict them. */
function sameRental(
  rental: PlannedRental,
  r: SheetRentalRow,
  at: (column: string, message: string) => void,
): void {
  const C = RENTAL_COLUMNS;
  const differs = (text: string, value: string) => text !== '' && text !== value;
  if (differs(r.rooms, String(rental.rooms)))
    at(C.rooms, `与第 ${rental.row} 行同一出租屋的房间数不一致`);
  if (differs(r.landlordName, rental.landlord.name))
    at(C.landlordName, `与第 ${rental.row} 行同一出租屋的房东不一致`);
  if (differs(r.landlordIdNumber, rental.landlord.idNumber))
    at(C.landlordIdNumber, `与第 ${rental.row} 行同一出租屋的房东不一致`);
}

/** A row's tenant with their lease; 'none' for a rental listed without tenants. */
function tenantOf(
  r: SheetRentalRow,
  at: (column: string, message: string) => void,
): PlannedTenant | null | 'none' {
  const C = RENTAL_COLUMNS;
  if (r.tenantName === '' && r.tenantIdNumber === '' && r.leaseStart === '' && r.leaseEnd === '')
    return 'none';
  const person = namedPerson(
    r.row,
    r.tenantName,
    r.tenantIdNumber,
    r.tenantIdWasNumber,
    { name: C.tenantName, idNumber: C.tenantIdNumber },
    at,
  );
  const lease = v.safeParse(LeaseSchema, {
    start: r.leaseStart === '' ? undefined : dayCell(r.leaseStart),
    end: r.leaseEnd === '' ? null : dayCell(r.leaseEnd),
  });
  if (!lease.success) {
    const seen = new Set<string>();
    for (const i of lease.issues) {
      const key = i.path?.[0]?.key;
      const column = key === 'end' ? C.leaseEnd : C.leaseStart;
      if (seen.has(column)) continue;
      seen.add(column);
      at(column, r.leaseStart === '' && column === C.leaseStart ? '请填写租期开始日期' : i.message);
    }
  }
  if (person === null || !lease.success) return null;
  return { ...person, lease: lease.output };
}

const STATUS_BY_LABEL = new Map(
  ENTERPRISE_STATUSES.map((s) => [ENTERPRISE_STATUS_LABELS[s], s] as const),
);
const ENTERPRISE_FIELD_COLUMNS: Record<string, string> = {
  name: ENTERPRISE_COLUMNS.name,
  place: ENTERPRISE_COLUMNS.address,
  leaderName: ENTERPRISE_COLUMNS.leaderName,
  phone: ENTERPRISE_COLUMNS.phone,
  workforce: ENTERPRISE_COLUMNS.workforce,
  status: ENTERPRISE_COLUMNS.status,
};

/** The 企业 sheet checked by the form's own schema, one enterprise a row. */
export function planEnterprises(
  levels: readonly string[],
  rows: readonly SheetEnterpriseRow[],
  takePath: TakePath,
  issue: Issue,
): PlannedEnterprise[] {
  const sheet = IMPORT_SHEETS.enterprises;
  const C = ENTERPRISE_COLUMNS;
  const readPath = pathReader(levels, sheet, takePath, issue);
  const out: PlannedEnterprise[] = [];
  const named = new Map<string, number>();
  for (const r of rows) {
    const at = (column: string, message: string) => issue(sheet, r.row, column, message);
    const path = readPath(r.row, r.path);
    if (path === null) continue;
    const workforce = numberCell(r.workforce);
    const status: EnterpriseStatus | undefined = STATUS_BY_LABEL.get(r.status);
    const keepPhone = r.phone === '' || MASKED_PHONE.test(r.phone);
    const input = {
      name: r.name,
      place: { street: r.address },
      leaderName: r.leaderName,
      ...(keepPhone ? {} : { phone: r.phone }),
      workforce,
      status,
      note: '',
    };
    const messages = fieldMessages(EnterpriseFieldsSchema, input);
    if (workforce === 'text') messages.set('workforce', '职工人数请填写数字');
    if (r.status !== '' && status === undefined)
      messages.set('status', `复工状态应为：${[...STATUS_BY_LABEL.keys()].join('、')}`);
    if (r.address === '') messages.set('place', '请填写门牌地址');
    if (r.name === '') messages.set('name', '请填写企业名称');
    for (const [field, message] of messages) at(ENTERPRISE_FIELD_COLUMNS[field] ?? C.name, message);
    if (messages.size > 0) continue;
    const fields = v.parse(EnterpriseFieldsSchema, input);
    const key = `${path.join('\u0000')}\u0001${fields.name}`;
    const seen = named.get(key);
    if (seen !== undefined) {
      at(C.name, `同一网格内企业名称与第 ${seen} 行相同`);
      continue;
    }
    named.set(key, r.row);
    const { note: _note, ...rest } = fields;
    out.push({ row: r.row, path, fields: rest });
  }
  return out;
}

/**
 * The rentals and enterprises cut into parts of at most `records` each, a part's rentals naming at
 * most `people` landlords and tenants (a rental with many tenants makes its part smaller), so a
 * part's reads are a fixed handful of calls.
 */
export function targetParts(
  plan: { rentals: readonly PlannedRental[]; enterprises: readonly PlannedEnterprise[] },
  records: number,
  people: number,
): { rentals: PlannedRental[]; enterprises: PlannedEnterprise[] }[] {
  const runs: PlannedRental[][] = [];
  let run: PlannedRental[] = [];
  let named = 0;
  for (const r of plan.rentals) {
    const names = 1 + r.tenants.length;
    if (run.length > 0 && (run.length >= records || named + names > people)) {
      runs.push(run);
      run = [];
      named = 0;
    }
    run.push(r);
    named += names;
  }
  if (run.length > 0) runs.push(run);
  const parts = runs.map((rentals) => ({ rentals, enterprises: [] as PlannedEnterprise[] }));
  for (let i = 0; i < plan.enterprises.length; i += records) {
    const enterprises = plan.enterprises.slice(i, i + records);
    const part = parts[i / records];
    if (part) part.enterprises = enterprises;
    else parts.push({ rentals: [], enterprises });
  }
  return parts;
}

// ---- meeting the registers -----------------------------------------------------------------------

/** What the database holds for one part's rentals and enterprises, fetched by the runtime. */
export interface TargetState {
  /** Existing rentals by `householdKey(gridId, address)`. */
  rentals: ReadonlyMap<string, RentalDoc>;
  /** Existing enterprises by `householdKey(gridId, name)`. */
  enterprises: ReadonlyMap<string, EnterpriseDoc>;
  /** The 负责人's full phone of those enterprises. */
  phones: ReadonlyMap<string, string>;
  /** People of the register whose ID number the part gives, by that number. */
  byIdNumber: ReadonlyMap<string, PersonDoc>;
  /**
   * People the same file's 住户人员 sheet gives, by ID number: in a preview they are not written
   * yet (a commit writes the people first, so it passes none and finds them in the register).
   */
  inFile: ReadonlyMap<string, string>;
  /** Whether the caller sees this person: a landlord or a tenant must be one they see. */
  sees: (person: PersonDoc) => boolean;
}

export type RentalChange =
  | {
      kind: 'create';
      rentalId: string;
      rental: PlannedRental;
      gridId: string;
      /** Null in a preview when the landlord is on the file's people sheet, not yet written. */
      landlordId: string | null;
      tenants: TenantEntry[];
    }
  | {
      kind: 'update';
      rentalId: string;
      rev: number;
      set: Partial<Pick<RentalDoc, 'rooms' | 'landlordId' | 'tenants'>>;
    }
  | { kind: 'unchanged'; rentalId: string };

export type EnterpriseChange =
  | {
      kind: 'create';
      enterpriseId: string;
      gridId: string;
      edit: EnterpriseEdit;
    }
  | { kind: 'update'; enterpriseId: string; edit: EnterpriseEdit }
  | { kind: 'unchanged'; enterpriseId: string };

export interface TargetDecision {
  rentals: RentalChange[];
  enterprises: EnterpriseChange[];
  issues: ImportIssue[];
}

export const targetKey = (gridId: string, naturalKey: string) => `${gridId}\u0001${naturalKey}`;

/**
 * How a part's rentals and enterprises meet the registers: each new, changed or unchanged. `leafOf`
 * gives the node a planned record sits on; `newId` the id a new one gets (fixed by the import, so
 * a part written half-way is finished, never doubled).
 */
export function decideTargets(
  plannedRentals: readonly PlannedRental[],
  plannedEnterprises: readonly PlannedEnterprise[],
  leafOf: (path: readonly string[]) => string,
  newId: (kind: 'r' | 'e', key: string) => string,
  state: TargetState,
): TargetDecision {
  const issues: ImportIssue[] = [];
  /** The person's id, null when only the file has them yet, undefined after an issue. */
  const personOf = (
    who: NamedPerson,
    columns: { name: string; idNumber: string },
  ): string | null | undefined => {
    const issue = (column: string, message: string) =>
      issues.push({ sheet: IMPORT_SHEETS.rentals, row: who.row, column, message });
    const fileName = state.inFile.get(who.idNumber);
    const stored = state.byIdNumber.get(who.idNumber);
    if (fileName === undefined && !stored) {
      issue(
        columns.idNumber,
        `登记表中没有此身份证号的人员：请先在「${IMPORT_SHEETS.register}」表或住户登记中登记此人`,
      );
      return undefined;
    }
    if (stored && !state.sees(stored)) {
      issue(columns.idNumber, '该身份证号登记在您负责的网格以外，请联系其所在网格处理');
      return undefined;
    }
    const name = fileName ?? stored?.name ?? '';
    if (name !== who.name) {
      issue(columns.name, `与身份证号登记的姓名「${name}」不一致`);
      return undefined;
    }
    return stored?._id ?? null;
  };

  const rentals: RentalChange[] = [];
  for (const planned of plannedRentals) {
    const landlordId = personOf(planned.landlord, {
      name: RENTAL_COLUMNS.landlordName,
      idNumber: RENTAL_COLUMNS.landlordIdNumber,
    });
    const tenants = planned.tenants.map((t) => ({
      tenant: t,
      id: personOf(t, { name: RENTAL_COLUMNS.tenantName, idNumber: RENTAL_COLUMNS.tenantIdNumber }),
    }));
    if (landlordId === undefined || tenants.some((t) => t.id === undefined)) continue;
    const gridId = leafOf(planned.path);
    const key = targetKey(gridId, planned.address);
    const existing = state.rentals.get(key);
    // In a preview someone only the file has yet stands in by their ID number.
    const changes = tenants.map(({ tenant, id }) => ({
      personId: id ?? `file:${tenant.idNumber}`,
      lease: tenant.lease,
    }));
    const landlord = landlordId ?? `file:${planned.landlord.idNumber}`;
    if (!existing) {
      rentals.push({
        kind: 'create',
        rentalId: newId('r', key),
        rental: planned,
        gridId,
        landlordId,
        tenants: changeTenants({ landlordId: landlord, tenants: [] }, changes).tenants,
      });
      continue;
    }
    if (existing.tenants.some((t) => t.personId === landlord)) {
      issues.push({
        sheet: IMPORT_SHEETS.rentals,
        row: planned.row,
        column: RENTAL_COLUMNS.landlordIdNumber,
        message: '该居民是本出租屋的租客，不能同时作为房东',
      });
      continue;
    }
    let after: ReturnType<typeof changeTenants>;
    try {
      after = changeTenants({ landlordId: landlord, tenants: existing.tenants }, changes);
    } catch (e) {
      // Too many tenants with those already listed: the form would refuse it in these words.
      issues.push({
        sheet: IMPORT_SHEETS.rentals,
        row: planned.row,
        column: RENTAL_COLUMNS.tenantIdNumber,
        message: e instanceof Error ? e.message : '租客过多',
      });
      continue;
    }
    const set: Extract<RentalChange, { kind: 'update' }>['set'] = {};
    if (existing.rooms !== planned.rooms) set.rooms = planned.rooms;
    if (existing.landlordId !== landlord) set.landlordId = landlord;
    if (after.added.length + after.updated.length > 0) set.tenants = after.tenants;
    rentals.push(
      Object.keys(set).length === 0
        ? { kind: 'unchanged', rentalId: existing._id }
        : { kind: 'update', rentalId: existing._id, rev: existing.rev, set },
    );
  }

  const enterprises: EnterpriseChange[] = plannedEnterprises.map((planned) => {
    const gridId = leafOf(planned.path);
    const key = targetKey(gridId, planned.fields.name);
    const existing = state.enterprises.get(key) ?? null;
    const stored = existing ? (state.phones.get(existing._id) ?? null) : null;
    // The same door typed as one line keeps the place staff entered in its parts.
    const place =
      existing && existing.address === planned.fields.place.street
        ? existing.place
        : planned.fields.place;
    const edit = enterpriseEdit(
      { enterprise: existing, phone: stored },
      { ...planned.fields, place, note: existing?.note ?? '' },
    );
    if (!existing) return { kind: 'create', enterpriseId: newId('e', key), gridId, edit };
    // A record whose masked phone lags its full one (a write cut short) is written again.
    if (existing.phoneMasked !== edit.set.phoneMasked && !edit.changed.includes('phone'))
      edit.changed.push('phone');
    return edit.changed.length === 0
      ? { kind: 'unchanged', enterpriseId: existing._id }
      : { kind: 'update', enterpriseId: existing._id, edit };
  });
  return { rentals, enterprises, issues };
}
