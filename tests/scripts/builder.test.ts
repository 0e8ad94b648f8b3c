import { idChecksumHolds, maskIdNumber, maskPhone } from '@gridguard/types';
import { householdCode } from '../../scripts/demo/builder';
import { demoDeployment } from '../../scripts/demo/jiujiang';
import { scaleDeployment } from '../../scripts/demo/scale';

describe('deployment generator', () => {
  const { deployment, rootId } = scaleDeployment({
    fanouts: [2, 3],
    householdsPerLeaf: 4,
    peoplePerHousehold: 2,
  });

  it('builds the shape asked for, with counters that match the documents', () => {
    const root = deployment.grids.find((g) => g._id === rootId);
    expect(root?.counts).toEqual({ nodes: 8, households: 24, people: 48, members: 3 });
    expect(deployment.grids.filter((g) => g.depth === 2)).toHaveLength(6);
    expect(
      deployment.people.every((p) => p.gridPath[0] === rootId && p.gridPath.length === 3),
    ).toBe(true);
  });

  it('gives valid ID numbers, masked copies and unique door codes', () => {
    for (const s of deployment.personSecrets)
      if (s.idNumber) expect(idChecksumHolds(s.idNumber)).toBe(true);
    const person = deployment.people[0];
    const secret = deployment.personSecrets.find((s) => s._id === person?._id);
    expect(person?.idNumberMasked).toBe(maskIdNumber(secret?.idNumber ?? ''));
    const codes = Array.from({ length: 100_000 }, (_, i) => householdCode(i));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(demoDeployment())).toBe(JSON.stringify(demoDeployment()));
  });
});

describe('masking', () => {
  it.each([
    ['330102199001011234', '3301**********1234'],
    ['11010519491231002X', '1101**********002X'],
  ])('ID %s → %s', (id, masked) => expect(maskIdNumber(id)).toBe(masked));

  it('phones keep the first three and last four digits', () =>
    expect(maskPhone('13812345678')).toBe('138****5678'));

  it('the ID checksum rejects a mistyped digit', () => {
    expect(idChecksumHolds('11010519491231002X')).toBe(true);
    expect(idChecksumHolds('11010519491231003X')).toBe(false);
  });
});
