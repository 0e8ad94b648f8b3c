import {
  householdSearchIndex,
  householdSearchKeys,
  OUTDATED_SEARCH_KEYS_VERSIONS,
  personSearchIndex,
  personSearchKeys,
  planSearch,
  SEARCH_KEYS_VERSION,
  searchFold,
} from '@gridguard/server/domain';

/** How a query is read into index keys (server/src/domain/search.ts). */
describe('planSearch', () => {
  it('reads four digits as the last four of a phone or an ID number, and 3 digits + X as an ID', () => {
    expect(planSearch('8018')).toMatchObject({
      kind: 'people',
      match: 'last4',
      keys: ['p:8018', 'i:8018'],
      rest: null,
    });
    expect(planSearch('002X', 'people')).toMatchObject({ match: 'last4', keys: ['i:002x'] });
  });

  it('reads a door-code shape as a door code, by default and among households', () => {
    expect(planSearch('wxy2h8')).toMatchObject({
      kind: 'households',
      match: 'doorCode',
      keys: ['c:wxy2h8'],
    });
    expect(planSearch('WXY2H8', 'households').keys).toEqual(['c:wxy2h8']);
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

/** Keys and queries are folded in one place, so case and width never hide a record. */
describe('searchFold', () => {
  it('lowers Latin letters and turns full-width ASCII and the ideographic space half-width', () => {
    expect(searchFold('A栋')).toBe('a栋');
    expect(searchFold('Ａ栋１８号')).toBe('a栋18号');
    expect(searchFold('ｗｘｙ２ｈ８')).toBe('wxy2h8');
    expect(searchFold('王\u3000秀英')).toBe('王 秀英');
    expect(searchFold('沙头社区（南）')).toBe('沙头社区(南)');
  });

  it('finds an address or a door code however its letters were typed', () => {
    const stored = householdSearchKeys({ address: '碧桂园A栋2单元501室', code: 'WXY2H8' });
    expect(stored).toEqual(expect.arrayContaining(['c:wxy2h8', 'a:碧桂园a栋']));
    for (const query of [
      '碧桂园a栋',
      '碧桂园Ａ栋',
      '碧桂园ａ栋',
      'wxy2h8',
      'ＷＸＹ２Ｈ８',
      'Wxy2H8',
    ]) {
      const plan = planSearch(query, 'households');
      expect(plan.keys.some((k) => stored.includes(k))).toBe(true);
    }
    expect(planSearch('ｗｘｙ２ｈ８')).toMatchObject({ kind: 'households', match: 'doorCode' });
    // Past the indexed eight characters the stored address is matched by pattern, as typed.
    const long = planSearch('碧桂园a栋2单元501', 'households');
    const pattern = new RegExp(long.rest?.pattern ?? '');
    for (const address of [
      '碧桂园A栋2单元501室',
      '碧桂园ａ栋２单元５０１室',
      '碧桂园 a栋2单元501室',
    ])
      expect(pattern.test(address)).toBe(true);
    expect(pattern.test('碧桂园B栋2单元501室')).toBe(false);
  });

  it('keys an ID number ending in X however the X is typed, and a full-width name start', () => {
    const keys = personSearchKeys({
      name: 'Ｌｉｓａ王',
      phoneMasked: null,
      idNumberMasked: '1101**********002X',
    });
    expect(keys).toEqual(['n:l', 'n:li', 'n:lis', 'i:002x']);
    for (const query of ['002x', '002X', '００２Ｘ', 'lisa', 'LIS'])
      expect(planSearch(query, 'people').keys.some((k) => keys.includes(k))).toBe(true);
    expect(new RegExp(planSearch('lisa王').rest?.pattern ?? '').test('Ｌｉｓａ王')).toBe(true);
  });

  it('a node name matches whatever case or width it was stored in', () => {
    const pattern = new RegExp(planSearch('a区', 'nodes').rest?.pattern ?? '');
    for (const name of ['碧桂园A区', '碧桂园ａ区', '碧桂园Ａ区'])
      expect(pattern.test(name)).toBe(true);
    expect(pattern.test('碧桂园B区')).toBe(false);
  });

  it('stamps the current scheme, and the sweep redoes records with none or an older one', () => {
    expect(personSearchIndex({ name: '王', phoneMasked: null, idNumberMasked: null })).toEqual({
      searchKeys: ['n:王'],
      searchKeysVersion: SEARCH_KEYS_VERSION,
    });
    expect(householdSearchIndex({ address: '沙头', code: 'WXY2H8' }).searchKeysVersion).toBe(
      SEARCH_KEYS_VERSION,
    );
    expect(OUTDATED_SEARCH_KEYS_VERSIONS).toContain(null);
    expect(OUTDATED_SEARCH_KEYS_VERSIONS).not.toContain(SEARCH_KEYS_VERSION);
    expect(OUTDATED_SEARCH_KEYS_VERSIONS).toHaveLength(SEARCH_KEYS_VERSION);
  });
});
