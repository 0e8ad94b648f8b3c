import fc from 'fast-check';
import { OUTCOMES, type Outcome } from '@gridguard/types';
import {
  decideVisit,
  householdTargets,
  sortKeyOf,
  type VisitDoc,
  type VisitTarget,
} from '@gridguard/server/domain/campaigns';

/** The round's rule for one door, on any sequence of knocks, retries included. */
const target: VisitTarget = {
  campaignId: 'c-1',
  round: 1,
  kind: 'household',
  targetId: 'h-1',
  gridId: 'g-leaf',
  gridPath: ['g-root', 'g-leaf'],
  label: '东街1号',
  building: '',
  sortKey: '',
  assignee: null,
};
const knock = fc.record({
  clientId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  who: fc.constantFrom('oOne', 'oTwo'),
  outcome: fc.constantFrom<Outcome>(...OUTCOMES),
});

describe('one outcome per target per round', () => {
  it('the first settling outcome stands, 无人在家 counts and flags, a knock again changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(knock, { maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (knocks, maxAttempts) => {
          let door: VisitDoc | null = null;
          let settledBy: Outcome | null = null;
          let noHomes = 0;
          const accepted = new Set<string>();
          for (const k of knocks) {
            const key = `${k.who}:${k.clientId}`;
            const decision = decideVisit(
              door,
              target,
              {
                clientId: k.clientId,
                record: { outcome: k.outcome, answers: [], reason: '', note: '', finding: null },
                personName: null,
                by: { openid: k.who, name: k.who },
                at: new Date(0),
              },
              maxAttempts,
            );
            if (accepted.has(key)) {
              expect(decision.type).toBe('replay');
              continue;
            }
            if (settledBy !== null || accepted.size >= 20) {
              expect(decision.type).toBe('conflict');
              continue;
            }
            expect(decision.type).toBe(door ? 'update' : 'create');
            if (decision.type !== 'create' && decision.type !== 'update') return;
            door = decision.doc;
            accepted.add(key);
            if (k.outcome === 'noHome') noHomes += 1;
            else settledBy = k.outcome;
            expect(door.attempts).toHaveLength(accepted.size);
            expect(door.rev).toBe(accepted.size);
            expect(door.noHomeCount).toBe(noHomes);
            expect(door.outcome).toBe(settledBy ?? 'noHome');
            expect(door.flagged).toBe(settledBy === null && noHomes >= maxAttempts);
          }
        },
      ),
    );
  });
});

describe('door order', () => {
  it('building, unit, door, numbers as numbers; a household without them by its address', () => {
    const spots = [
      {
        address: '碧桂园10栋1单元101室',
        place: { street: '碧桂园', building: '10', unit: '1', door: '101' },
      },
      {
        address: '碧桂园2栋2单元1室',
        place: { street: '碧桂园', building: '2', unit: '2', door: '1' },
      },
      {
        address: '碧桂园2栋1单元20室',
        place: { street: '碧桂园', building: '2', unit: '1', door: '20' },
      },
      {
        address: '碧桂园2栋1单元3室',
        place: { street: '碧桂园', building: '2', unit: '1', door: '3' },
      },
      { address: '东街12号' },
      { address: '东街9号' },
    ];
    const sorted = spots
      .map((h, i) => ({ address: h.address, key: sortKeyOf(householdTargets.spot(h), `h-${i}`) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((h) => h.address);
    expect(sorted).toEqual([
      '东街9号',
      '东街12号',
      '碧桂园2栋1单元3室',
      '碧桂园2栋1单元20室',
      '碧桂园2栋2单元1室',
      '碧桂园10栋1单元101室',
    ]);
  });
});
