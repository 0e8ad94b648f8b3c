import { householdSearchKeys, personSearchKeys, planSearch } from '@gridguard/server/domain';

/** How a query is read into index keys (server/src/domain/search.ts). */
describe('planSearch', () => {
  it('reads four digits as the last four of a phone or an ID number, and 3 digits + X as an ID', () => {
    expect(planSearch('8018')).toMatchObject({
      kind: 'people',
      match: 'last4',
      keys: ['p:8018', 'i:8018'],
      rest: null,
    });
    expect(planSearch('002x', 'people')).toMatchObject({ match: 'last4', keys: ['i:002X'] });
  });

  it('reads a door-code shape as a door code, by default and among households', () => {
    expect(planSearch('wxy2h8')).toMatchObject({
      kind: 'households',
      match: 'doorCode',
      keys: ['c:WXY2H8'],
    });
    expect(planSearch('WXY2H8', 'households').keys).toEqual(['c:WXY2H8']);
    // Letters outside the alphabet (O, I, L, 0, 1) cannot be a door code: an address then.
    expect(planSearch('WXY0H8', 'households').match).toBe('address');
  });

  it('looks a name up by its first three characters and matches the rest by pattern', () => {
    expect(planSearch('王')).toMatchObject({
      match: 'name',
      keys: ['n:王'],
      rest: null,
      broad: true,
    });
    expect(planSearch('王秀').broad).toBe(false);
    expect(planSearch('沙', 'households').broad).toBe(true);
    expect(planSearch('组', 'nodes').broad).toBe(false);
    expect(planSearch('王 秀英')).toMatchObject({ keys: ['n:王秀英'], rest: null });
    const long = planSearch('欧阳娜娜');
    expect(long.keys).toEqual(['n:欧阳娜']);
    expect(long.rest?.field).toBe('name');
    const rest = new RegExp(long.rest?.pattern ?? '');
    expect(rest.test('欧阳 娜娜')).toBe(true);
    expect(rest.test('欧阳娜')).toBe(false);
  });

  it('looks an address up by its first eight characters; nodes by part of the name, escaped', () => {
    const plan = planSearch('沙头社区新村大街18号', 'households');
    expect(plan).toMatchObject({ match: 'address', keys: ['a:沙头社区新村大街'] });
    expect(new RegExp(plan.rest?.pattern ?? '').test('沙头社区新村大街18号')).toBe(true);
    expect(new RegExp(plan.rest?.pattern ?? '').test('沙头社区新村大街19号')).toBe(false);
    const nodes = planSearch('a.*(', 'nodes');
    expect(nodes).toMatchObject({ match: 'nodeName', keys: [] });
    expect(new RegExp(nodes.rest?.pattern ?? '').test('第a.*(组')).toBe(true);
    expect(new RegExp(nodes.rest?.pattern ?? '').test('第abc组')).toBe(false);
  });

  it('finds what the key functions store', () => {
    const person = personSearchKeys({
      name: '王秀英',
      phoneMasked: '138****8018',
      idNumberMasked: '4406**********123X',
    });
    for (const query of ['王', '王秀', '王秀英', '8018', '123x'])
      expect(planSearch(query).keys.some((k) => person.includes(k))).toBe(true);
    const household = householdSearchKeys({ address: '沙头社区新村大街18号', code: 'WXY2H8' });
    for (const query of ['沙头', '沙头社区新村大街18号', 'wxy2h8'])
      expect(planSearch(query, 'households').keys.some((k) => household.includes(k))).toBe(true);
  });
});
