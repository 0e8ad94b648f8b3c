import {
  CARE_MARK_LABELS,
  CARE_MARKS,
  HOUSEHOLD_FILTER_LABELS,
  HOUSEHOLD_FILTERS,
  type HouseholdFilter,
  RESIDENCIES,
  RESIDENCY_LABELS,
  type FunctionResult,
  type HouseholdPlaceInput,
  type PersonFieldsInput,
  type Relation,
} from '@gridguard/types';
import { callAction } from './call-action';

export type {
  CareMark,
  HouseholdCounts,
  HouseholdFilter,
  HouseholdPlace,
  HouseholdPlaceInput,
  HouseholdRow,
  PersonFieldsInput,
  PersonView,
  RegisterHouseholdView,
  Residency,
} from '@gridguard/types';
export {
  CARE_MARK_LABELS,
  CARE_MARKS,
  HOUSEHOLD_FILTER_LABELS,
  HOUSEHOLD_FILTERS,
  RESIDENCIES,
  RESIDENCY_LABELS,
};

/**
 * A form's fields sit one level down (`place.street`, `person.idNumber`): the form shows each
 * message under the field itself, so the server's paths are answered without the prefix.
 */
function unnested<T>(result: FunctionResult<T>): FunctionResult<T> {
  if (result.ok || !result.issues) return result;
  return {
    ...result,
    issues: result.issues.map((issue) => ({
      ...issue,
      path: issue.path.replace(/^(place|person)\./, ''),
    })),
  };
}

/** A new submission key per form: a retry of the same form never registers twice. */
export function submissionKey(): string {
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * A node's households, a page at a time, collapsed: address, door code, people, tags, 重点关爱;
 * with a filter only those carrying that tag. The first page counts each tag for the chips.
 */
export function listRegisterHouseholds(gridId: string, page: number, filter?: HouseholdFilter) {
  return callAction('register', 'households', { gridId, page, ...(filter && { filter }) });
}

export function getRegisterHousehold(householdId: string) {
  return callAction('register', 'household', { householdId });
}

export async function createHousehold(gridId: string, key: string, place: HouseholdPlaceInput) {
  return unnested(await callAction('register', 'createHousehold', { gridId, key, place }));
}

export async function editHousehold(householdId: string, place: HouseholdPlaceInput) {
  return unnested(await callAction('register', 'editHousehold', { householdId, place }));
}

/** Only call after the user confirmed: the server refuses without `confirm: true`. */
export function removeHousehold(householdId: string) {
  return callAction('register', 'removeHousehold', { householdId, confirm: true });
}

/** A new door code; the old one stops working. Only call after the user confirmed. */
export function regenerateDoorCode(householdId: string) {
  return callAction('register', 'regenerateCode', { householdId, confirm: true });
}

export async function addPerson(householdId: string, key: string, person: PersonFieldsInput) {
  return unnested(await callAction('register', 'addPerson', { householdId, key, person }));
}

export async function editPerson(personId: string, person: PersonFieldsInput) {
  return unnested(await callAction('register', 'editPerson', { personId, person }));
}

/** Only call after the user confirmed; the reason is kept in the audit log. */
export function removePerson(personId: string, reason: string) {
  return callAction('register', 'removePerson', { personId, reason, confirm: true });
}

/** Moving house: only call after the user confirmed. */
export function movePerson(personId: string, householdId: string, relation: Relation) {
  return callAction('register', 'movePerson', { personId, householdId, relation, confirm: true });
}

/** The tags a household's row carries: 重点关爱 and which marks. */
export function careTags(marks: readonly (keyof typeof CARE_MARK_LABELS)[]): string[] {
  return marks.map((mark) => CARE_MARK_LABELS[mark]);
}
