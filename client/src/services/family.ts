import type { FunctionResult } from '@gridguard/types';
import { myHousehold, type PersonView } from './households';
import { fetchIdentity } from './identity';

export interface Family {
  /** The caller first, then the rest of the household in its own order. */
  people: PersonView[];
}

/**
 * The caller's household people, the caller (whoami's personId) first, or null when they have
 * not joined a household. Used wherever a resident acts for themself or a family member.
 */
export async function loadFamily(): Promise<FunctionResult<Family | null>> {
  const [identity, household] = await Promise.all([fetchIdentity(), myHousehold()]);
  if (!household.ok) return household;
  if (household.data === null) return { ok: true, data: null };
  const selfId = identity.ok ? identity.data.personId : null;
  const isSelf = (person: PersonView) => person.id === selfId;
  const people = [
    ...household.data.people.filter(isSelf),
    ...household.data.people.filter((person) => !isSelf(person)),
  ];
  return { ok: true, data: { people } };
}
