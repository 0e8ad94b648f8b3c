import * as v from 'valibot';
import { CARE_STATUS_LABELS, type HouseholdTags } from './contacts';
import { GridIdSchema, PageSchema, type Page } from './grid';
import {
  IdNumberSchema,
  PersonNameSchema,
  PhoneSchema,
  RelationSchema,
  type HouseholdView,
  type PersonView,
} from './people';
import { idSchema, inputObject, textSchema } from './text';

/**
 * The register in the hands of grid staff (router `register`): households on leaf nodes with
 * their 楼栋 / 单元 / 门牌, people with residency and 重点关爱 marks, moving a person, door codes.
 */

/** 户籍 (registered here), 常住 (lives here, registered elsewhere), 流动 (migrant, renting). */
export const RESIDENCIES = ['registered', 'resident', 'floating'] as const;
export type Residency = (typeof RESIDENCIES)[number];
export const RESIDENCY_LABELS: Record<Residency, string> = {
  registered: '户籍',
  resident: '常住',
  floating: '流动',
};
export const ResidencySchema = v.picklist(RESIDENCIES, '请选择户籍、常住或流动');

/** 重点关爱: who gets a call first, masks first, errands first. */
export const CARE_MARKS = ['alone', 'disabled', 'maternity', 'hardship'] as const;
export type CareMark = (typeof CARE_MARKS)[number];
export const CARE_MARK_LABELS: Record<CareMark, string> = {
  alone: '独居老人',
  disabled: '残疾',
  maternity: '孕产妇',
  hardship: '困难家庭',
};
export const CareMarksSchema = v.pipe(
  v.array(v.picklist(CARE_MARKS, '重点关爱标记不正确'), '重点关爱标记不正确'),
  v.maxLength(CARE_MARKS.length, '重点关爱标记过多'),
);

/**
 * What a node's household list may be narrowed to, one tag each: someone under observation
 * (观察中), someone not yet reported today (今日未报), someone abnormal (异常), as a person's status
 * today has them (contacts.ts `CareStatus`), or someone with a 重点关爱 mark.
 */
export const HOUSEHOLD_FILTERS = ['observing', 'notReported', 'abnormal', 'care'] as const;
export type HouseholdFilter = (typeof HOUSEHOLD_FILTERS)[number];
export const HOUSEHOLD_FILTER_LABELS: Record<HouseholdFilter, string> = {
  observing: CARE_STATUS_LABELS.observing,
  notReported: CARE_STATUS_LABELS.notReported,
  abnormal: CARE_STATUS_LABELS.abnormal,
  care: '重点关爱',
};
export const HouseholdFilterSchema = v.picklist(HOUSEHOLD_FILTERS, '筛选条件不正确');
/** How many households under a node carry each tag: the numbers on the filter chips. */
export type HouseholdCounts = Record<HouseholdFilter, number>;

/** Where a household is: a street, village or estate, then optional building, unit and door. */
export const HouseholdPlaceSchema = inputObject({
  street: textSchema({
    missing: '请填写街道、村或小区',
    min: { length: 2, message: '请填写街道、村或小区（至少 2 个字）' },
    max: { length: 50, message: '街道、村或小区不超过 50 个字' },
  }),
  building: v.optional(textSchema({ max: { length: 8, message: '楼栋不超过 8 个字' } }), ''),
  unit: v.optional(textSchema({ max: { length: 8, message: '单元不超过 8 个字' } }), ''),
  door: v.optional(textSchema({ max: { length: 8, message: '门牌不超过 8 个字' } }), ''),
});
export type HouseholdPlaceInput = v.InferInput<typeof HouseholdPlaceSchema>;
export type HouseholdPlace = v.InferOutput<typeof HouseholdPlaceSchema>;

/**
 * A person as staff fill them in. On an edit an absent ID number or phone keeps the stored one
 * (the form only ever saw it masked) and null erases it.
 */
export const PersonFieldsSchema = inputObject({
  name: PersonNameSchema,
  relation: RelationSchema,
  idNumber: v.optional(v.nullable(IdNumberSchema)),
  phone: v.optional(v.nullable(PhoneSchema)),
  residency: ResidencySchema,
  care: v.optional(CareMarksSchema, []),
});
export type PersonFieldsInput = v.InferInput<typeof PersonFieldsSchema>;
export type PersonFields = v.InferOutput<typeof PersonFieldsSchema>;

/** Chosen by the client once per form: a retry of the same submission lands on the same record. */
export const SubmissionKeySchema = idSchema('提交编号');
const HouseholdIdSchema = idSchema('住户编号');
const PersonIdSchema = idSchema('居民编号');
const Confirmed = v.literal(true, '请先确认此操作');
const RemovalReasonSchema = textSchema({
  missing: '请填写删除原因',
  min: { length: 2, message: '请填写删除原因（至少 2 个字）' },
  max: { length: 100, message: '删除原因最多 100 个字' },
});

export const REGISTER_SCHEMAS = {
  /**
   * A node's households (its whole subtree), a page at a time: address, door code, people, tags
   * and 重点关爱 marks; with `filter` only those carrying that tag.
   */
  households: inputObject({
    gridId: GridIdSchema,
    page: PageSchema,
    filter: v.optional(HouseholdFilterSchema),
  }),
  /** One household with its place, its people (masked) and what the caller may change. */
  household: inputObject({ householdId: HouseholdIdSchema }),
  createHousehold: inputObject({
    gridId: GridIdSchema,
    key: SubmissionKeySchema,
    place: HouseholdPlaceSchema,
  }),
  editHousehold: inputObject({ householdId: HouseholdIdSchema, place: HouseholdPlaceSchema }),
  /** Only an empty household: no people and no one waiting to join it. */
  removeHousehold: inputObject({ householdId: HouseholdIdSchema, confirm: Confirmed }),
  /** A new door code; the old one stops working at once. */
  regenerateCode: inputObject({ householdId: HouseholdIdSchema, confirm: Confirmed }),
  addPerson: inputObject({
    householdId: HouseholdIdSchema,
    key: SubmissionKeySchema,
    person: PersonFieldsSchema,
  }),
  editPerson: inputObject({ personId: PersonIdSchema, person: PersonFieldsSchema }),
  removePerson: inputObject({
    personId: PersonIdSchema,
    reason: RemovalReasonSchema,
    confirm: Confirmed,
  }),
  /** Moving house: the person and everything recorded about them go to another household. */
  movePerson: inputObject({
    personId: PersonIdSchema,
    householdId: HouseholdIdSchema,
    relation: RelationSchema,
    confirm: Confirmed,
  }),
} as const;

/** A household as a node's list shows it, collapsed. */
export interface HouseholdRow {
  id: string;
  gridId: string;
  address: string;
  code: string;
  people: number;
  /** How many of its people are 观察中, 今日未报 and 异常 today. */
  tags: HouseholdTags;
  /** Every 重点关爱 mark anyone in the household carries, once each. */
  care: CareMark[];
}

/**
 * A page of a node's households. The first page also counts the households of each tag under the
 * node (the filter chips), whatever the filter; later pages carry null.
 */
export interface HouseholdPage extends Page<HouseholdRow> {
  counts: HouseholdCounts | null;
}

/** A household as staff see it: the place fields, the people, and what the caller may change. */
export interface RegisterHouseholdView extends HouseholdView {
  /** Null on a household registered before places had fields: its address is all there is. */
  place: HouseholdPlace | null;
  may: {
    /** Edit and remove the household, regenerate its code, remove and move people (leaders). */
    manage: boolean;
    /** Add people and edit them (leaders and confirmed members in scope). */
    editPeople: boolean;
  };
}

export interface RegisterOutputs {
  households: HouseholdPage;
  household: RegisterHouseholdView;
  createHousehold: RegisterHouseholdView;
  editHousehold: RegisterHouseholdView;
  removeHousehold: { removed: true };
  regenerateCode: RegisterHouseholdView;
  addPerson: PersonView;
  editPerson: PersonView;
  removePerson: { removed: true };
  movePerson: PersonView;
}
