import { chooseCarePair } from '@gridguard/server/domain';

const path = ['town', 'village', 'group'];
const nodes = [
  { _id: 'town', leader: { openid: 'oTown', name: '镇书记' } },
  { _id: 'village', leader: { openid: 'oVillage', name: '村书记' } },
  { _id: 'group', leader: null },
];

describe('choosing the 网格长 + 关爱协管员 pair', () => {
  it('takes the nearest leader up the path', () => {
    expect(chooseCarePair('p1', path, nodes, []).leader).toEqual({
      openid: 'oVillage',
      name: '村书记',
    });
  });

  it('takes the carer from the nearest node with a team, 网格员 before support before volunteers', () => {
    const team = [
      { gridId: 'village', openid: 'oM', name: '网格员甲', kind: 'member' as const },
      { gridId: 'group', openid: 'oV', name: '志愿者乙', kind: 'volunteer' as const },
      { gridId: 'group', openid: 'oS', name: '下沉干部丙', kind: 'support' as const },
    ];
    expect(chooseCarePair('p1', path, nodes, team).carer?.openid).toBe('oS');
    expect(chooseCarePair('p1', path, nodes, team.slice(0, 1)).carer?.openid).toBe('oM');
  });

  it('never makes the leader their own pair, and says so when nobody is left', () => {
    const team = [
      { gridId: 'village', openid: 'oVillage', name: '村书记', kind: 'member' as const },
    ];
    expect(chooseCarePair('p1', path, nodes, team).carer).toBeNull();
  });

  it('spreads people over a team, the same person always to the same carer', () => {
    const team = ['a', 'b', 'c'].map((x) => ({
      gridId: 'group',
      openid: `o${x}`,
      name: x,
      kind: 'member' as const,
    }));
    const carers = Array.from(
      { length: 60 },
      (_, i) => chooseCarePair(`person-${i}`, path, nodes, team).carer?.openid,
    );
    expect(new Set(carers)).toEqual(new Set(['oa', 'ob', 'oc']));
    expect(chooseCarePair('person-7', path, nodes, [...team].reverse()).carer?.openid).toBe(
      carers[7],
    );
  });
});
