import {
  dayCell,
  planRegister,
  targetParts,
  type PlannedEnterprise,
  type PlannedRental,
  type SheetRentalRow,
} from '@gridguard/server/domain';
import { idNumberFor } from '../../scripts/demo/builder';

const LEVELS = ['村', '组'];
const rentalRow = (row: number, more: Partial<SheetRentalRow>): SheetRentalRow => ({
  row,
  path: [],
  address: '',
  rooms: '',
  landlordName: '',
  landlordIdNumber: '',
  tenantName: '',
  tenantIdNumber: '',
  leaseStart: '',
  leaseEnd: '',
  landlordIdWasNumber: false,
  tenantIdWasNumber: false,
  ...more,
});

describe('the 出租屋 and 企业 sheets, planned', () => {
  it('groups a rental’s tenants on the rows below it, levels repeated from the row above', () => {
    const landlord = { landlordName: '房东', landlordIdNumber: idNumberFor(1), rooms: '2' };
    const tenant = (k: number) => ({
      tenantName: `租客${k}`,
      tenantIdNumber: idNumberFor(k),
      leaseStart: '2020-01-01',
    });
    const plan = planRegister(LEVELS, [], [], {
      rentals: [
        rentalRow(2, { path: ['一村', '一组'], address: '东街1号', ...landlord, ...tenant(2) }),
        rentalRow(3, tenant(3)),
        // Blank levels, a door: the levels above, another rental.
        rentalRow(4, { address: '东街2号', ...landlord }),
        // The same door again on the next row: the same rental, its rooms repeated alike.
        rentalRow(5, { address: '东街2号', ...landlord, ...tenant(4) }),
      ],
      enterprises: [],
    });
    expect(plan.issues).toEqual([]);
    expect(plan.rentals.map((r) => [r.path, r.address, r.tenants.map((t) => t.name)])).toEqual([
      [['一村', '一组'], '东街1号', ['租客2', '租客3']],
      [['一村', '一组'], '东街2号', ['租客4']],
    ]);
    expect(plan.nodes.map((n) => n.path)).toEqual([['一村'], ['一村', '一组']]);

    const contradicts = planRegister(LEVELS, [], [], {
      rentals: [
        rentalRow(2, { path: ['一村', '一组'], address: '东街1号', ...landlord }),
        rentalRow(3, { rooms: '5', ...tenant(2) }),
      ],
      enterprises: [],
    });
    expect(contradicts.issues).toEqual([
      {
        sheet: '出租屋',
        row: 3,
        column: '房间数',
        message: '与第 2 行同一出租屋的房间数不一致',
      },
    ]);
  });

  it('reads the ways a day is typed in China, leaving anything else for the schema to refuse', () => {
    expect(dayCell('2020/2/1')).toBe('2020-02-01');
    expect(dayCell('2020.12.31')).toBe('2020-12-31');
    expect(dayCell('2020年3月1日')).toBe('2020-03-01');
    expect(dayCell('2020-03-01')).toBe('2020-03-01');
    expect(dayCell('三月一日')).toBe('三月一日');
  });

  it('cuts parts by records and by the people their rentals name, losing and doubling nothing', () => {
    const rental = (i: number, tenants: number) =>
      ({ row: i, address: `r${i}`, tenants: Array.from({ length: tenants }) }) as PlannedRental;
    const enterprise = (i: number) => ({ row: i }) as PlannedEnterprise;
    const rentals = [rental(1, 0), rental(2, 5), rental(3, 3), rental(4, 0), rental(5, 9)];
    const enterprises = Array.from({ length: 7 }, (_, i) => enterprise(i));
    const parts = targetParts({ rentals, enterprises }, 3, 10);
    // 1+6 people, then 4 would make 11: a new part; 4+1, then 10 would make 15: a new part.
    expect(parts.map((p) => p.rentals.map((r) => r.row))).toEqual([[1, 2], [3, 4], [5]]);
    expect(parts.map((p) => p.enterprises.length)).toEqual([3, 3, 1]);
    expect(targetParts({ rentals: [], enterprises }, 3, 10).length).toBe(3);
    expect(targetParts({ rentals: [], enterprises: [] }, 3, 10)).toEqual([]);
  });
});
