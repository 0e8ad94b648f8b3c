import * as v from 'valibot';
import {
  ACTION_SCHEMAS,
  addDays,
  ArrivalDaySchema,
  ChinaDaySchema,
  chinaToday,
  earliestReportDay,
  isRealDay,
  REPORT_HISTORY_DAYS,
  ReportDaySchema,
  ReturnDeclarationSchema,
  type ReturnDeclaration,
} from '@gridguard/types';

/** 2026-03-01 00:30 in China is still 28 February in UTC: "today" must be the China day. */
const NOW = Date.UTC(2026, 1, 28, 16, 30);
const TODAY = '2026-03-01';
let clock: jest.SpyInstance<number, []>;
beforeEach(() => (clock = jest.spyOn(Date, 'now').mockReturnValue(NOW)));
afterEach(() => clock.mockRestore());

const messages = (schema: v.GenericSchema, input: unknown) => {
  const parsed = v.safeParse(schema, input);
  return parsed.success
    ? []
    : parsed.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`.replace(/^: /, ''));
};

describe('isRealDay', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2026-02-28', true],
    ['2026-12-31', true],
    ['2026-02-29', false],
    ['2100-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-99-99', false],
    ['0000-00-00', false],
    ['2026-1-5', false],
    ['２０２６-01-05', false],
  ])('%s → %s', (day, real) => expect(isRealDay(day)).toBe(real));
});

describe('ChinaDaySchema', () => {
  it('refuses impossible days and days outside the years GridGuard can mean', () => {
    expect(messages(ChinaDaySchema, '2026-99-99')).toEqual(['日期不存在']);
    expect(messages(ChinaDaySchema, '0000-00-00')).toEqual(['日期不存在']);
    expect(messages(ChinaDaySchema, '2026-02-29')).toEqual(['日期不存在']);
    expect(messages(ChinaDaySchema, '9999-12-31')).toEqual(['日期超出可选范围']);
    expect(messages(ChinaDaySchema, '1999-12-31')).toEqual(['日期超出可选范围']);
    expect(messages(ChinaDaySchema, '2020/02/01')).toEqual(['日期格式应为 YYYY-MM-DD']);
    expect(messages(ChinaDaySchema, 20200201)).toEqual(['请选择日期']);
    expect(v.parse(ChinaDaySchema, '2024-02-29')).toBe('2024-02-29');
  });
});

describe('date windows read the functions’ clock, in China time', () => {
  it('today is the China day', () => expect(chinaToday()).toBe(TODAY));

  it('an arrival is tomorrow at the latest, and at most 28 days ago', () => {
    expect(v.parse(ArrivalDaySchema, addDays(TODAY, 1))).toBe('2026-03-02');
    expect(messages(ArrivalDaySchema, addDays(TODAY, 2))).toEqual(['抵达日期不能晚于明天']);
    expect(v.parse(ArrivalDaySchema, addDays(TODAY, -28))).toBe('2026-02-01');
    expect(messages(ArrivalDaySchema, addDays(TODAY, -29))).toEqual([
      '抵达日期过早，超出可登记的范围',
    ]);
    expect(messages(ArrivalDaySchema, '2034-01-01')).toEqual(['抵达日期不能晚于明天']);
  });

  it('moves with the clock', () => {
    clock.mockReturnValue(NOW + 40 * 86_400_000);
    expect(messages(ArrivalDaySchema, TODAY)).toEqual(['抵达日期过早，超出可登记的范围']);
    expect(v.parse(ArrivalDaySchema, addDays(TODAY, 41))).toBe(addDays(TODAY, 41));
  });

  it('a report day is real, not after tomorrow and within the history the dashboard offers', () => {
    const earliest = earliestReportDay(TODAY);
    expect(earliest).toBe(addDays(TODAY, -(REPORT_HISTORY_DAYS - 1)));
    expect(v.parse(ReportDaySchema, earliest)).toBe(earliest);
    expect(v.parse(ReportDaySchema, addDays(TODAY, 1))).toBe('2026-03-02');
    expect(messages(ReportDaySchema, addDays(TODAY, 2))).toEqual(['日期不能晚于明天']);
    expect(messages(ReportDaySchema, addDays(earliest, -1))).toEqual([
      `只能查看近 ${REPORT_HISTORY_DAYS} 天的日报`,
    ]);
    expect(messages(ReportDaySchema, '2020-02-08')).toEqual([
      `只能查看近 ${REPORT_HISTORY_DAYS} 天的日报`,
    ]);
    // One message per mistake: an impossible day is not also said to be too old.
    expect(messages(ReportDaySchema, '2026-02-30')).toEqual(['日期不存在']);
    expect(messages(ReportDaySchema, '1999-12-31')).toEqual(['日期超出可选范围']);
  });

  it('every dashboard day parameter uses it', () => {
    const { node, children } = ACTION_SCHEMAS.dashboard;
    expect(messages(node, { gridId: 'g-x', day: '2026-03-05' })).toEqual(['day: 日期不能晚于明天']);
    expect(messages(children, { gridId: 'g-x', day: '2026-02-31', page: 1 })).toEqual([
      'day: 日期不存在',
    ]);
    expect(
      messages(ACTION_SCHEMAS.dashboard.export, {
        gridId: 'g-x',
        day: '9999-12-31',
        exportId: 'export-0001',
      }),
    ).toEqual(['day: 日期超出可选范围']);
  });
});

describe('a return declaration', () => {
  const declaration = (departureDay: string, arrivalDay: string): ReturnDeclaration => ({
    origin: { province: '湖北省', city: '武汉市', district: '' },
    via: [],
    transport: 'train',
    transportNumber: 'G1002',
    departureDay,
    arrivalDay,
    contactWithCases: false,
    symptoms: [],
  });

  it('takes a journey that ends today or tomorrow and lasted up to 30 days', () => {
    expect(v.safeParse(ReturnDeclarationSchema, declaration(TODAY, TODAY)).success).toBe(true);
    expect(
      v.safeParse(ReturnDeclarationSchema, declaration(addDays(TODAY, -29), addDays(TODAY, 1)))
        .success,
    ).toBe(true);
  });

  it('refuses a departure after the arrival, or more than 30 days before it', () => {
    expect(messages(ReturnDeclarationSchema, declaration(addDays(TODAY, 1), TODAY))).toEqual([
      'departureDay: 出发日期不能晚于抵达日期',
    ]);
    expect(messages(ReturnDeclarationSchema, declaration(addDays(TODAY, -31), TODAY))).toEqual([
      'departureDay: 出发日期不能早于抵达日期 30 天以上',
    ]);
  });

  it('names only the impossible day, not the comparison that cannot be made', () => {
    expect(messages(ReturnDeclarationSchema, declaration('2026-99-99', TODAY))).toEqual([
      'departureDay: 日期不存在',
    ]);
    expect(messages(ReturnDeclarationSchema, declaration(TODAY, '9999-12-31'))).toEqual([
      'arrivalDay: 日期超出可选范围',
    ]);
  });

  it('is what returns.declare takes, so a return can never end in 2034 at day −2745', () => {
    const parsed = v.safeParse(ACTION_SCHEMAS.returns.declare, {
      personId: 'p-1',
      declaration: declaration('2034-01-01', '2034-01-02'),
    });
    expect(!parsed.success && parsed.issues.map((i) => i.message)).toEqual([
      '抵达日期不能晚于明天',
    ]);
  });
});
