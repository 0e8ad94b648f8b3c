import * as v from 'valibot';
import { addDays, chinaToday, daysBetween } from './china-time';
import { GridIdSchema, PageSchema, type Page } from './grid';
import { ChinaDaySchema, isUsableDay, onDay } from './health';
import { PhoneSchema } from './people';
import { HouseholdPlaceSchema, SubmissionKeySchema, type HouseholdPlace } from './register';
import { SearchQuerySchema } from './search';
import { ID_MAX_LENGTH, inputObject, textSchema } from './text';

/**
 * The two registers a sweep visits besides households (router `targets`): 出租屋, a rental on a
 * leaf node whose landlord answers for it (谁出租谁负责) and whose tenants are people of the
 * register with their lease dates; and 企业, with its 负责人, workforce and 复工 status.
 */

/** An id picked from a list (a landlord, a tenant), refused in the words of the list. */
function pickedId(missing: string) {
  return v.pipe(
    v.string(missing),
    v.minLength(1, missing),
    v.maxLength(ID_MAX_LENGTH, missing),
    // Empty is the length's to refuse: one message per mistake.
    v.regex(/^[A-Za-z0-9_-]*$/, missing),
  );
}

const NoteSchema = v.optional(
  textSchema({ max: { length: 200, message: '备注不超过 200 个字' }, multiline: true }),
  '',
);
const Confirmed = v.literal(true, '请先确认此操作');
const RentalIdSchema = pickedId('缺少出租屋编号');
const EnterpriseIdSchema = pickedId('缺少企业编号');

// ---- 出租屋 --------------------------------------------------------------------------------------

export const RENTAL_ROOMS_MAX = 200;
export const RoomsSchema = v.pipe(
  v.number('请填写出租间数'),
  v.integer('出租间数应为整数'),
  v.minValue(1, `出租间数应为 1–${RENTAL_ROOMS_MAX}`),
  v.maxValue(RENTAL_ROOMS_MAX, `出租间数应为 1–${RENTAL_ROOMS_MAX}`),
);

/** What staff fill in for a rental; its tenants are linked one by one (`setTenants`). */
export const RentalFieldsSchema = inputObject({
  place: HouseholdPlaceSchema,
  rooms: RoomsSchema,
  /** A person of the register, in the caller's scope: the one accountable for the rental. */
  landlordId: pickedId('请选择房东'),
  note: NoteSchema,
});
export type RentalFieldsInput = v.InferInput<typeof RentalFieldsSchema>;
export type RentalFields = v.InferOutput<typeof RentalFieldsSchema>;

/** A lease may have started this long ago (a tenant of many years) and at most a year ahead. */
export const LEASE_START_BACK_DAYS = 3653;
export const LEASE_START_AHEAD_DAYS = 366;
/** A lease may end at most this far from today: a later day is a typing mistake. */
export const LEASE_END_AHEAD_DAYS = 1827;

const LeaseStartSchema = v.pipe(
  ChinaDaySchema,
  v.check(
    onDay((day) => day >= addDays(chinaToday(), -LEASE_START_BACK_DAYS), isUsableDay),
    '租期开始日期过早（最多 10 年前）',
  ),
  v.check(
    onDay((day) => day <= addDays(chinaToday(), LEASE_START_AHEAD_DAYS), isUsableDay),
    '租期开始日期不能晚于一年后',
  ),
);
const LeaseEndSchema = v.pipe(
  ChinaDaySchema,
  v.check(
    onDay((day) => day <= addDays(chinaToday(), LEASE_END_AHEAD_DAYS), isUsableDay),
    '租期结束日期不能晚于 5 年后',
  ),
);

/** A lease as agreed: when it started, and when it ends (null for 不定期, no end agreed). */
export const LeaseSchema = v.pipe(
  inputObject({
    start: LeaseStartSchema,
    end: v.optional(v.nullable(LeaseEndSchema), null),
  }),
  // Compared only when both are usable days: a refused day already has its own message.
  v.forward(
    v.partialCheck(
      [['start'], ['end']],
      (lease) =>
        lease.end === null ||
        !isUsableDay(lease.start) ||
        !isUsableDay(lease.end) ||
        daysBetween(lease.start, lease.end) >= 0,
      '租期结束日期不能早于开始日期',
    ),
    ['end'],
  ),
);
export type LeaseInput = v.InferInput<typeof LeaseSchema>;
export type Lease = v.InferOutput<typeof LeaseSchema>;

/**
 * One change to a rental's tenants: a person of the register who rents here with this lease (added,
 * or their dates changed when already listed), or with `lease: null` no longer does (their person
 * record stays in the register).
 */
export const TenantChangeSchema = inputObject({
  personId: pickedId('请选择租客'),
  lease: v.nullable(LeaseSchema),
});
export type TenantChangeInput = v.InferInput<typeof TenantChangeSchema>;
export type TenantChange = v.InferOutput<typeof TenantChangeSchema>;

/** How many people a rental lists at most, and how many one call changes. */
export const RENTAL_TENANTS_MAX = 200;
export const TENANTS_PER_CALL = 50;

const TenantChangesSchema = v.pipe(
  v.array(TenantChangeSchema, '租客格式不正确'),
  v.minLength(1, '请选择要登记或移除的租客'),
  v.maxLength(TENANTS_PER_CALL, `一次最多修改 ${TENANTS_PER_CALL} 名租客`),
  v.check(
    (changes) => new Set(changes.map((c) => c.personId)).size === changes.length,
    '同一名租客只能出现一次',
  ),
);

// ---- 企业 ----------------------------------------------------------------------------------------

/** 复工 as the 2020 guidance tracked it, and 停业 for one that will not reopen. */
export const ENTERPRISE_STATUSES = ['notResumed', 'applied', 'resumed', 'closed'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];
export const ENTERPRISE_STATUS_LABELS: Record<EnterpriseStatus, string> = {
  notResumed: '未复工',
  applied: '已申请复工',
  resumed: '已复工',
  closed: '停业',
};
export const EnterpriseStatusSchema = v.picklist(ENTERPRISE_STATUSES, '请选择复工状态');

export const WORKFORCE_MAX = 100_000;
export const WorkforceSchema = v.pipe(
  v.number('请填写职工人数'),
  v.integer('职工人数应为整数'),
  v.minValue(0, `职工人数应为 0–${WORKFORCE_MAX}`),
  v.maxValue(WORKFORCE_MAX, `职工人数应为 0–${WORKFORCE_MAX}`),
);

/**
 * What staff fill in for an enterprise. On an edit an absent phone keeps the stored one (the form
 * only ever saw it masked) and null erases it.
 */
export const EnterpriseFieldsSchema = inputObject({
  name: textSchema({
    missing: '请填写企业名称',
    min: { length: 2, message: '请填写企业名称（至少 2 个字）' },
    max: { length: 40, message: '企业名称不超过 40 个字' },
  }),
  place: HouseholdPlaceSchema,
  leaderName: textSchema({
    missing: '请填写负责人姓名',
    min: { length: 1, message: '请填写负责人姓名' },
    max: { length: 20, message: '负责人姓名不超过 20 个字' },
  }),
  phone: v.optional(v.nullable(PhoneSchema)),
  workforce: WorkforceSchema,
  status: EnterpriseStatusSchema,
  note: NoteSchema,
});
export type EnterpriseFieldsInput = v.InferInput<typeof EnterpriseFieldsSchema>;
export type EnterpriseFields = v.InferOutput<typeof EnterpriseFieldsSchema>;

// ---- the router ----------------------------------------------------------------------------------

export const TARGET_SCHEMAS = {
  /** A node's rentals (its whole subtree), a page at a time; `query`: the start of the address. */
  rentals: inputObject({
    gridId: GridIdSchema,
    page: PageSchema,
    query: v.optional(SearchQuerySchema),
  }),
  /** One rental with its landlord and tenants (masked), and what the caller may change. */
  rental: inputObject({ rentalId: RentalIdSchema }),
  /** On a leaf node; a retry with the same key answers with the rental made the first time. */
  createRental: inputObject({
    gridId: GridIdSchema,
    key: SubmissionKeySchema,
    rental: RentalFieldsSchema,
  }),
  editRental: inputObject({ rentalId: RentalIdSchema, rental: RentalFieldsSchema }),
  removeRental: inputObject({ rentalId: RentalIdSchema, confirm: Confirmed }),
  /** Links people of the register as tenants (with their lease) and unlinks others. */
  setTenants: inputObject({ rentalId: RentalIdSchema, changes: TenantChangesSchema }),
  /** A node's enterprises; `query`: the start of the name or of the address. */
  enterprises: inputObject({
    gridId: GridIdSchema,
    page: PageSchema,
    query: v.optional(SearchQuerySchema),
    status: v.optional(EnterpriseStatusSchema),
  }),
  enterprise: inputObject({ enterpriseId: EnterpriseIdSchema }),
  createEnterprise: inputObject({
    gridId: GridIdSchema,
    key: SubmissionKeySchema,
    enterprise: EnterpriseFieldsSchema,
  }),
  editEnterprise: inputObject({
    enterpriseId: EnterpriseIdSchema,
    enterprise: EnterpriseFieldsSchema,
  }),
  removeEnterprise: inputObject({ enterpriseId: EnterpriseIdSchema, confirm: Confirmed }),
  /** The 负责人's full phone, to call them: audited like `people.reveal`. */
  revealEnterprisePhone: inputObject({ enterpriseId: EnterpriseIdSchema }),
} as const;

// ---- views ---------------------------------------------------------------------------------------

/** A person of the register as a rental names them: masked, with whether 拨打 is the caller's. */
export interface TargetPerson {
  id: string;
  name: string;
  phoneMasked: string | null;
  householdId: string;
  /** `people.reveal` of their phone would be allowed (it checks again and audits). */
  mayRevealPhone: boolean;
}

export interface TenantView {
  personId: string;
  /** Null when the person has since been removed from the register: only 移除 is left to do. */
  person: TargetPerson | null;
  leaseStart: string;
  /** Null for 不定期 (no end agreed). */
  leaseEnd: string | null;
}

/** A rental as a node's list shows it. */
export interface RentalRow {
  id: string;
  gridId: string;
  address: string;
  rooms: number;
  /** Null when the landlord's record has since been removed: the rental needs a new one. */
  landlord: { name: string; phoneMasked: string | null } | null;
  tenants: number;
}

export interface RentalView {
  id: string;
  gridId: string;
  gridName: string;
  address: string;
  place: HouseholdPlace;
  rooms: number;
  landlordId: string;
  landlord: TargetPerson | null;
  tenants: TenantView[];
  note: string;
  updatedAt: string;
  may: {
    /** Edit the rental and its tenants: leaders and confirmed members in scope. */
    edit: boolean;
    /** Remove it: leaders. */
    remove: boolean;
  };
}

/** An enterprise as a node's list shows it. */
export interface EnterpriseRow {
  id: string;
  gridId: string;
  name: string;
  address: string;
  leaderName: string;
  phoneMasked: string | null;
  workforce: number;
  status: EnterpriseStatus;
}

export interface EnterpriseView extends EnterpriseRow {
  gridName: string;
  place: HouseholdPlace;
  note: string;
  updatedAt: string;
  may: {
    edit: boolean;
    remove: boolean;
    /** The 负责人's full phone (`revealEnterprisePhone`, audited). */
    revealPhone: boolean;
  };
}

export interface TargetOutputs {
  rentals: Page<RentalRow>;
  rental: RentalView;
  createRental: RentalView;
  editRental: RentalView;
  removeRental: { removed: true };
  setTenants: RentalView;
  enterprises: Page<EnterpriseRow>;
  enterprise: EnterpriseView;
  createEnterprise: EnterpriseView;
  editEnterprise: EnterpriseView;
  removeEnterprise: { removed: true };
  revealEnterprisePhone: { value: string };
}
