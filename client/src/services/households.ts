import { RELATIONS } from '@gridguard/types';
import { callAction } from './call-action';
import { afterWrite } from './changes';

export type { HouseholdView, PersonView } from '@gridguard/types';
export { RELATIONS };
export type Relation = (typeof RELATIONS)[number];

/** The caller's own household, or null when they have not joined one. */
export function myHousehold() {
  return callAction('households', 'mine', {});
}

export interface NewPerson {
  name: string;
  relation: Relation;
  idNumber?: string;
  phone?: string;
}

/** Joins the household whose door code the resident typed. */
export function joinHousehold(input: NewPerson & { code: string }) {
  return afterWrite(callAction('households', 'join', input));
}

/** Registers a family member on their behalf (elderly, children without phones): marked 代登记. */
export function addFamilyMember(householdId: string, input: NewPerson) {
  return afterWrite(callAction('households', 'addPerson', { householdId, ...input }));
}
