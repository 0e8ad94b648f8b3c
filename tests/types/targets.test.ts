import * as v from 'valibot';
import { ACTION_SCHEMAS, LeaseSchema, TenantChangeSchema } from '@gridguard/types';

/** 2026-03-01 00:30 in China is still 28 February in UTC: windows count from the China day. */
const NOW = Date.UTC(2026, 1, 28, 16, 30);
let clock: jest.SpyInstance<number, []>;
beforeEach(() => (clock = jest.spyOn(Date, 'now').mockReturnValue(NOW)));
afterEach(() => clock.mockRestore());

const messages = (schema: v.GenericSchema, input: unknown) => {
  const parsed = v.safeParse(schema, input);
  return parsed.success
    ? []
    : parsed.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`.replace(/^: /, ''));
};

describe('a lease', () => {
  it('starts at most ten years ago and a year ahead, in China days', () => {
    expect(v.parse(LeaseSchema, { start: '2016-03-01' })).toEqual({
      start: '2016-03-01',
      end: null,
    });
    expect(messages(LeaseSchema, { start: '2016-02-28' })).toEqual([
      'start: 租期开始日期过早（最多 10 年前）',
    ]);
    expect(v.parse(LeaseSchema, { start: '2027-03-02' }).start).toBe('2027-03-02');
    expect(messages(LeaseSchema, { start: '2027-03-03' })).toEqual([
      'start: 租期开始日期不能晚于一年后',
    ]);
  });

  it('ends on a real day, not before it starts and at most five years ahead', () => {
    expect(v.parse(LeaseSchema, { start: '2026-03-01', end: '2026-03-01' }).end).toBe('2026-03-01');
    expect(messages(LeaseSchema, { start: '2026-03-01', end: '2026-02-28' })).toEqual([
      'end: 租期结束日期不能早于开始日期',
    ]);
    expect(messages(LeaseSchema, { start: '2026-03-01', end: '2026-02-29' })).toEqual([
      'end: 日期不存在',
    ]);
    expect(v.parse(LeaseSchema, { start: '2026-03-01', end: '2031-03-02' }).end).toBe('2031-03-02');
    expect(messages(LeaseSchema, { start: '2026-03-01', end: '2031-03-03' })).toEqual([
      'end: 租期结束日期不能晚于 5 年后',
    ]);
    // One message per mistake: an impossible start is not also "before the end".
    expect(messages(LeaseSchema, { start: '2026-13-01', end: '2026-01-01' })).toEqual([
      'start: 日期不存在',
    ]);
  });

  it('is null when the person no longer rents there', () => {
    expect(v.parse(TenantChangeSchema, { personId: 'p-1', lease: null })).toEqual({
      personId: 'p-1',
      lease: null,
    });
    expect(messages(TenantChangeSchema, { personId: '', lease: null })).toEqual([
      'personId: 请选择租客',
    ]);
  });
});

describe('setTenants', () => {
  const schema = ACTION_SCHEMAS.targets.setTenants;

  it('changes one to fifty people, each once', () => {
    const change = (personId: string) => ({ personId, lease: { start: '2026-03-01' } });
    expect(messages(schema, { rentalId: 'r-1', changes: [] })).toEqual([
      'changes: 请选择要登记或移除的租客',
    ]);
    expect(
      messages(schema, {
        rentalId: 'r-1',
        changes: [change('p-1'), { personId: 'p-1', lease: null }],
      }),
    ).toEqual(['changes: 同一名租客只能出现一次']);
    const many = Array.from({ length: 51 }, (_, i) => change(`p-${i}`));
    expect(messages(schema, { rentalId: 'r-1', changes: many })).toEqual([
      'changes: 一次最多修改 50 名租客',
    ]);
    expect(messages(schema, { rentalId: 'r-1', changes: many.slice(0, 50) })).toEqual([]);
  });
});
