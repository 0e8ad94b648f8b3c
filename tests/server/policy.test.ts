import {
  may,
  mayAnywhere,
  revealRights,
  settlesOwnErrand,
  type Actor,
} from '@gridguard/server/domain';

const actor = (over: Partial<Actor>): Actor => ({
  openid: 'o-me',
  name: '',
  command: false,
  memberships: [],
  householdId: null,
  ...over,
});
const resident = actor({ householdId: 'h1' });
const leader = actor({ openid: 'o-lead', memberships: [{ gridId: 'g-a', kind: 'leader' }] });
const member = actor({ openid: 'o-vol', memberships: [{ gridId: 'g-a', kind: 'volunteer' }] });
const path = ['g-root', 'g-a', 'g-a1'];

describe('reveal inside a household', () => {
  const person = (openid: string | null, proxyBy: string | null) => ({
    gridPath: path,
    householdId: 'h1',
    openid,
    proxy: proxyBy ? { byOpenid: proxyBy, byName: '', at: new Date(0) } : null,
  });

  it('own details and those one registered in full; the rest of the family masked', () => {
    expect(revealRights(resident, person('o-me', null))).toEqual({ idNumber: true, phone: true });
    expect(revealRights(resident, person(null, 'o-me'))).toEqual({ idNumber: true, phone: true });
    expect(revealRights(resident, person(null, null))).toEqual({ idNumber: false, phone: false });
    expect(revealRights(resident, person('o-spouse', null))).toEqual({
      idNumber: false,
      phone: false,
    });
  });

  it('leaders reveal both in their subtree, members phones', () => {
    expect(revealRights(leader, person(null, null))).toEqual({ idNumber: true, phone: true });
    expect(revealRights(member, person(null, null))).toEqual({ idNumber: false, phone: true });
  });
});

describe('errand.settle', () => {
  const errand = {
    gridPath: path,
    householdId: 'h1',
    personOpenid: null,
    requesterOpenid: 'o-someone',
    claimerOpenid: 'o-vol',
  };

  it('the household settles its own; a leader on its behalf; never the claimer or a member', () => {
    expect(may(resident, 'errand.settle', errand)).toBe(true);
    expect(settlesOwnErrand(resident, errand)).toBe(true);
    expect(may(leader, 'errand.settle', errand)).toBe(true);
    expect(settlesOwnErrand(leader, errand)).toBe(false);
    expect(may(member, 'errand.settle', errand)).toBe(false);
    const claimedByTheLeader = { ...errand, claimerOpenid: 'o-lead' };
    expect(may(leader, 'errand.settle', claimedByTheLeader)).toBe(false);
    expect(may(actor({ command: true, openid: 'o-vol' }), 'errand.settle', errand)).toBe(false);
  });
});

describe('mayAnywhere: asked before any lookup', () => {
  it('refuses those who could never hold the permission, and nobody who could', () => {
    expect(mayAnywhere(resident, 'observation.manage')).toBe(false);
    expect(mayAnywhere(member, 'observation.manage')).toBe(false);
    expect(mayAnywhere(leader, 'observation.manage')).toBe(true);
    expect(mayAnywhere(leader, 'grid.restructure')).toBe(true);
    expect(mayAnywhere(member, 'person.revealIdNumber')).toBe(false);
    expect(mayAnywhere(resident, 'person.revealIdNumber')).toBe(true);
    expect(mayAnywhere(actor({}), 'household.proxy')).toBe(false);
    expect(mayAnywhere(actor({}), 'errand.settle')).toBe(false);
    expect(mayAnywhere(member, 'errand.settle')).toBe(true);
  });
});
