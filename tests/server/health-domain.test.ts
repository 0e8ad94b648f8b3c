import {
  addDays,
  chinaDay,
  chinaDayStart,
  daysBetween,
  type ReturnDeclaration,
} from '@gridguard/types';
import {
  AppError,
  classifyReturn,
  dayOfObservation,
  startObservation,
  totalDays,
  transition,
  type Observation,
} from '@gridguard/server/domain';

describe('China days (UTC+8) while functions run in UTC', () => {
  it.each([
    ['2020-02-01T15:59:00Z', '2020-02-01'], // 23:59 in China
    ['2020-02-01T16:01:00Z', '2020-02-02'], // 00:01 in China, still 1 February in UTC
    ['2020-02-29T16:00:00Z', '2020-03-01'], // leap day rolls into March at China midnight
    ['2020-12-31T16:00:00Z', '2021-01-01'],
  ])('%s is %s in China', (utc, day) => expect(chinaDay(new Date(utc))).toBe(day));

  it('day arithmetic and the instant a China day starts', () => {
    expect(addDays('2020-02-28', 2)).toBe('2020-03-01');
    expect(daysBetween('2020-01-25', '2020-02-07')).toBe(13);
    expect(chinaDayStart('2020-02-02').toISOString()).toBe('2020-02-01T16:00:00.000Z');
  });
});

describe('classification rules', () => {
  const rules = {
    observationDays: 14,
    riskAreas: [
      { province: '湖北省', level: 'high' as const },
      { province: '广东省', city: '深圳市', level: 'medium' as const },
      { province: '广东省', city: '深圳市', district: '南山区', level: 'high' as const },
    ],
  };
  const declaration = (overrides: Partial<ReturnDeclaration>): ReturnDeclaration => ({
    origin: { province: '广西壮族自治区', city: '南宁市', district: '' },
    via: [],
    transport: 'train',
    transportNumber: 'G1234',
    departureDay: '2020-01-30',
    arrivalDay: '2020-01-31',
    contactWithCases: false,
    symptoms: [],
    ...overrides,
  });

  it.each([
    [
      'low-risk origin, no contact, no symptoms',
      {},
      'routine',
      ['来自低风险地区，无接触史，无症状'],
    ],
    [
      'a high-risk province',
      { origin: { province: '湖北', city: '武汉市', district: '' } },
      'central',
      ['来自高风险地区（湖北省）'],
    ],
    [
      'a medium-risk city',
      { origin: { province: '广东省', city: '深圳', district: '福田区' } },
      'key',
      ['来自中风险地区（广东省深圳市）'],
    ],
    [
      'a high-risk district inside a medium-risk city',
      { origin: { province: '广东省', city: '深圳市', district: '南山区' } },
      'central',
      ['来自高风险地区（广东省深圳市南山区）'],
    ],
    [
      'passing through a high-risk area',
      { via: [{ province: '湖北省', city: '', district: '' }] },
      'key',
      ['途经高风险地区（湖北省）'],
    ],
    ['contact with a case', { contactWithCases: true }, 'central', ['与确诊或疑似病例有接触史']],
    [
      'symptoms',
      { symptoms: ['fever' as const, 'cough' as const] },
      'central',
      ['申报有发热、咳嗽症状'],
    ],
  ])('%s', (_name, overrides, cls, reasons) => {
    expect(classifyReturn(declaration(overrides), rules)).toEqual({ class: cls, reasons });
  });

  it('collects every reason and keeps the highest class', () => {
    const result = classifyReturn(
      declaration({
        origin: { province: '广东省', city: '深圳市', district: '' },
        contactWithCases: true,
      }),
      rules,
    );
    expect(result.class).toBe('central');
    expect(result.reasons).toEqual(['与确诊或疑似病例有接触史', '来自中风险地区（广东省深圳市）']);
  });
});

describe('home observation state machine', () => {
  const start = () => startObservation('key', '2020-02-01', 14);
  const normal = (day: string) => ({
    type: 'report' as const,
    day,
    temperature: 36.6,
    symptoms: [],
  });

  it('counts days from the arrival day and ends after 14', () => {
    const o = start();
    expect(o.endDay).toBe('2020-02-14');
    expect(dayOfObservation(o, '2020-02-01')).toBe(1);
    expect(dayOfObservation(o, '2020-02-14')).toBe(14);
    expect(totalDays(o)).toBe(14);
  });

  it('a normal report changes nothing; a fever at 37.3 escalates and alerts the leader', () => {
    const o = start();
    expect(transition(o, normal('2020-02-03')).next).toBe(o);
    expect(
      transition(o, { type: 'report', day: '2020-02-03', temperature: 37.2, symptoms: [] }).next
        .status,
    ).toBe('observing');
    const fever = transition(o, {
      type: 'report',
      day: '2020-02-03',
      temperature: 37.3,
      symptoms: [],
    });
    expect(fever.next.status).toBe('escalated');
    expect(fever.effects).toEqual([{ type: 'alertLeader', reason: '体温 37.3℃' }]);
    const symptom = transition(o, {
      type: 'report',
      day: '2020-02-03',
      temperature: 36.5,
      symptoms: ['cough'],
    });
    expect(symptom.effects).toEqual([{ type: 'alertLeader', reason: '申报有症状' }]);
  });

  it('extension moves the end; transfer changes the class; both are logged with their reason', () => {
    const extended = transition(start(), {
      type: 'extend',
      day: '2020-02-10',
      days: 7,
      reason: '同住人发热',
    }).next;
    expect(extended.endDay).toBe('2020-02-21');
    const moved = transition(extended, {
      type: 'transfer',
      day: '2020-02-11',
      class: 'central',
      reason: '转集中观察点',
    }).next;
    expect(moved.class).toBe('central');
    expect(moved.history.map((h) => h.event)).toEqual(['start', 'extend', 'transfer']);
  });

  it('is released after the last day only when the last two days were reported normal', () => {
    const o = start();
    const check = (obs: Observation, day: string, normalReportDays: string[]) =>
      transition(obs, { type: 'releaseCheck', day, normalReportDays });
    expect(check(o, '2020-02-14', ['2020-02-13', '2020-02-14']).next.status).toBe('observing');
    expect(check(o, '2020-02-15', ['2020-02-14']).next.status).toBe('observing');
    const released = check(o, '2020-02-15', ['2020-02-13', '2020-02-14']);
    expect(released.next.status).toBe('released');
    expect(released.effects).toEqual([{ type: 'released' }]);
    // Run twice (a timer retried), it changes nothing the second time: released stays released.
    expect(() => check(released.next, '2020-02-15', [])).toThrow(AppError);
  });

  it('an escalated person is not released until a leader de-escalates', () => {
    const escalated = transition(start(), {
      type: 'report',
      day: '2020-02-13',
      temperature: 38.1,
      symptoms: [],
    }).next;
    expect(
      transition(escalated, {
        type: 'releaseCheck',
        day: '2020-02-20',
        normalReportDays: ['2020-02-13', '2020-02-14'],
      }).next.status,
    ).toBe('escalated');
    const calm = transition(escalated, {
      type: 'deescalate',
      day: '2020-02-14',
      reason: '复测正常，核酸阴性',
    }).next;
    expect(calm.status).toBe('observing');
    expect(() =>
      transition(calm, { type: 'deescalate', day: '2020-02-14', reason: '重复' }),
    ).toThrow('没有异常');
  });
});
