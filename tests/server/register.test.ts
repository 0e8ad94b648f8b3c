import { may, mayAnywhere, type Actor, type PersonDoc } from '@gridguard/server/domain';
import {
  composeAddress,
  editPerson,
  householdRemovalRefusal,
  pathDelta,
  removalRefusal,
  submissionId,
} from '@gridguard/server/domain/register';

const actor = (over: Partial<Actor>): Actor => ({
  openid: 'o-me',
  name: '',
  command: false,
  memberships: [],
  householdId: null,
  ...over,
});
const path = ['g-root', 'g-a', 'g-a1'];
const place = (over: Partial<{ building: string; unit: string; door: string }> = {}) => ({
  street: '碧桂园',
  building: '',
  unit: '',
  door: '',
  ...over,
});
const person = (over: Partial<PersonDoc> = {}): PersonDoc => ({
  _id: 'p-1',
  householdId: 'h-1',
  gridId: 'g-a1',
  gridPath: path,
  name: '王桂英',
  relation: '父母',
  idNumberMasked: '1101**********002X',
  phoneMasked: null,
  openid: null,
  proxy: null,
  createdAt: new Date(0),
  residency: 'registered',
  care: ['alone'],
  ...over,
});
const stored = { idNumber: '11010519491231002X', phone: null };
const fields = {
  name: '王桂英',
  relation: '父母' as const,
  residency: 'registered' as const,
  care: ['alone' as const],
};

describe('people.manage', () => {
  it('is staff’s: leaders and confirmed members in scope, never a resident or a pending member', () => {
    const target = { gridPath: path, householdId: 'h1' };
    const leader = actor({ memberships: [{ gridId: 'g-a', kind: 'leader' }] });
    const member = actor({ memberships: [{ gridId: 'g-a', kind: 'volunteer' }] });
    const pending = actor({ memberships: [{ gridId: 'g-a', kind: 'member', pending: true }] });
    const resident = actor({ householdId: 'h1' });
    expect(may(leader, 'people.manage', target)).toBe(true);
    expect(may(member, 'people.manage', target)).toBe(true);
    expect(may(member, 'people.manage', { gridPath: ['g-root', 'g-b'] })).toBe(false);
    expect(may(member, 'households.manage', target)).toBe(false);
    expect(may(pending, 'people.manage', target)).toBe(false);
    expect(may(resident, 'people.manage', target)).toBe(false);
    expect(mayAnywhere(resident, 'people.manage')).toBe(false);
  });
});

describe('the register’s rules', () => {
  it('composes addresses for villages and estates, leaving parts typed with their own word', () => {
    expect(composeAddress({ ...place(), street: '沙头社区东街', door: '12' })).toBe(
      '沙头社区东街12号',
    );
    expect(composeAddress(place({ building: '3', unit: '2', door: '501' }))).toBe(
      '碧桂园3栋2单元501室',
    );
    expect(composeAddress(place({ building: 'A座', door: '1201' }))).toBe('碧桂园A座1201室');
    expect(composeAddress(place({ building: '5幢', unit: '东单元', door: '3楼' }))).toBe(
      '碧桂园5幢东单元3楼',
    );
  });

  it('gives a submission the same id on a retry, and another to someone else', () => {
    expect(submissionId('h', 'o-a', 'k1')).toBe(submissionId('h', 'o-a', 'k1'));
    expect(submissionId('h', 'o-b', 'k1')).not.toBe(submissionId('h', 'o-a', 'k1'));
    expect(submissionId('p', 'o-a', 'k1')).toMatch(/^p-[0-9a-f]{20}$/);
  });

  it('edits: absent numbers kept, null erases, nothing changed writes nothing', () => {
    expect(editPerson(person(), stored, fields)).toEqual({ set: {}, secret: null, changed: [] });
    const erased = editPerson(person(), stored, { ...fields, idNumber: null });
    expect(erased.changed).toEqual(['idNumber']);
    expect(erased.secret).toEqual({ idNumber: null, phone: null });
    expect(erased.set).toMatchObject({
      idNumberMasked: null,
      searchKeys: ['n:王', 'n:王桂', 'n:王桂英'],
    });
    const phoned = editPerson(person(), stored, { ...fields, phone: '13912345678' });
    expect(phoned.secret).toEqual({ idNumber: stored.idNumber, phone: '13912345678' });
    expect(phoned.set).toMatchObject({ phoneMasked: '139****5678' });
  });

  it('keeps a WeChat user’s own details theirs, but records their marks', () => {
    const onWechat = person({ openid: 'o-wang' });
    expect(() => editPerson(onWechat, stored, { ...fields, name: '王秀芳' })).toThrow('由本人维护');
    expect(() => editPerson(onWechat, stored, { ...fields, phone: '13912345678' })).toThrow();
    const marked = editPerson(onWechat, stored, { ...fields, care: ['disabled', 'disabled'] });
    expect(marked).toMatchObject({ changed: ['care'], secret: null, set: { care: ['disabled'] } });
  });

  it('says why a person or a household cannot go', () => {
    const free = { activeObservation: false, activeErrands: 0, pendingClaims: 0 };
    expect(removalRefusal(person(), free)).toBeNull();
    expect(removalRefusal(person({ openid: 'o-x' }), free)).toContain('迁移');
    expect(removalRefusal(person(), { ...free, activeObservation: true })).toContain('居家观察');
    expect(removalRefusal(person(), { ...free, activeErrands: 1 })).toContain('跑腿代购');
    expect(removalRefusal(person(), { ...free, pendingClaims: 1 })).toContain('入户申请');
    expect(removalRefusal(person(), { ...free, rentalsAsLandlord: 2 })).toBe(
      '该居民是 2 处出租屋的房东，请先在出租屋中更换房东',
    );
    expect(removalRefusal(person(), { ...free, rentalsAsLandlord: 0 })).toBeNull();
    expect(householdRemovalRefusal(0, 0)).toBeNull();
    expect(householdRemovalRefusal(2, 0)).toContain('还有 2 人');
    expect(householdRemovalRefusal(0, 1)).toContain('申请加入');
  });

  it('counts a move only on the nodes the two paths do not share', () => {
    expect(pathDelta(['r', 'a', 'a1'], ['r', 'b', 'b1'])).toEqual({
      leave: ['a', 'a1'],
      enter: ['b', 'b1'],
    });
    expect(pathDelta(['r', 'a', 'a1'], ['r', 'a', 'a1'])).toEqual({ leave: [], enter: [] });
  });
});
