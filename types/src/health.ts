import * as v from 'valibot';
import {
  addDays,
  ChinaDayPattern,
  chinaToday,
  daysBetween,
  EARLIEST_DAY,
  isRealDay,
  LATEST_DAY,
} from './china-time';
import { inputObject, textSchema } from './text';

/** 常规 / 重点 / 集中观察: the observation classes of the Jiujiang reports. */
export const OBSERVATION_CLASSES = ['routine', 'key', 'central'] as const;
export const ObservationClassSchema = v.picklist(OBSERVATION_CLASSES, '观察类别不正确');
export type ObservationClass = v.InferOutput<typeof ObservationClassSchema>;
export const OBSERVATION_CLASS_LABELS: Record<ObservationClass, string> = {
  routine: '常规类',
  key: '重点类',
  central: '重点集中观察类',
};

/** The statuses of an observation still running; a released one is done. */
export const OPEN_OBSERVATION_STATUSES = ['observing', 'escalated'] as const;

export const SYMPTOMS = [
  'fever',
  'cough',
  'fatigue',
  'soreThroat',
  'breathless',
  'diarrhea',
  'lostTaste',
] as const;
export const SymptomSchema = v.picklist(SYMPTOMS, '症状选项不正确');
export type Symptom = v.InferOutput<typeof SymptomSchema>;
/** Each symptom at most once, so the list is never longer than the options. */
export const SymptomsSchema = v.pipe(
  v.array(SymptomSchema, '症状格式不正确'),
  v.maxLength(SYMPTOMS.length, '症状重复'),
  v.check((list) => new Set(list).size === list.length, '症状重复'),
);
export const SYMPTOM_LABELS: Record<Symptom, string> = {
  fever: '发热',
  cough: '咳嗽',
  fatigue: '乏力',
  soreThroat: '咽痛',
  breathless: '气促',
  diarrhea: '腹泻',
  lostTaste: '嗅觉味觉减退',
};

/** A temperature at or above this is a fever (37.3 °C, as the 2020 guidance set it). */
export const FEVER_THRESHOLD_C = 37.3;

/** A temperature as every screen and message writes it: one decimal and ℃ (never °C). */
export const formatCelsius = (celsius: number): string => `${celsius.toFixed(1)}℃`;
export const DEFAULT_OBSERVATION_DAYS = 14;

const inYears = (day: string) => day >= EARLIEST_DAY && day <= LATEST_DAY;
/**
 * A check on a day that already passed the checks before it. A pipe runs every check even after
 * one failed, so each says nothing about a day an earlier one refused: one message per mistake.
 */
export const onDay =
  (requirement: (day: string) => boolean, earlier: (day: string) => boolean) => (day: string) =>
    !earlier(day) || requirement(day);
/** A real day within the years GridGuard can mean: the day every window check starts from. */
export const isUsableDay = (day: string) => isRealDay(day) && inYears(day);

/** A real calendar day within the years GridGuard can mean; windows per field come on top. */
export const ChinaDaySchema = v.pipe(
  v.string('请选择日期'),
  v.regex(ChinaDayPattern, '日期格式应为 YYYY-MM-DD'),
  v.check(
    onDay(isRealDay, (day) => ChinaDayPattern.test(day)),
    '日期不存在',
  ),
  v.check(onDay(inYears, isRealDay), '日期超出可选范围'),
);

/** A day at most `ahead` days after today in China, read when the event is validated. */
export const notAfterToday = (ahead: number, message: string) =>
  v.check(
    onDay((day) => day <= addDays(chinaToday(), ahead), isUsableDay),
    message,
  );

/** Days a return may be registered after arriving: the observation, and a margin for late ones. */
export const ARRIVAL_LATE_MARGIN_DAYS = 14;
/** The longest journey a declaration may describe, departure to arrival. */
export const MAX_JOURNEY_DAYS = 30;

/**
 * Arrival: tomorrow at the latest (registering the evening before is common), and no earlier than
 * an observation plus a margin ago: an older arrival no longer starts one.
 */
export const ArrivalDaySchema = v.pipe(
  ChinaDaySchema,
  notAfterToday(1, '抵达日期不能晚于明天'),
  v.check(
    onDay(
      (day) => day >= addDays(chinaToday(), -(DEFAULT_OBSERVATION_DAYS + ARRIVAL_LATE_MARGIN_DAYS)),
      isUsableDay,
    ),
    '抵达日期过早，超出可登记的范围',
  ),
);

/**
 * How far back the dashboard's day picker reaches: a year of 日报 covers a whole campaign and
 * its anniversary comparison; an older day is a typing mistake or a probe, not a report to read.
 */
export const REPORT_HISTORY_DAYS = 366;

/** The first day the dashboard offers, counted back from `today`. */
export const earliestReportDay = (today: string) => addDays(today, -(REPORT_HISTORY_DAYS - 1));

/**
 * A day a report is asked for (dashboard): real, not after tomorrow (a phone's clock may run a
 * little ahead of China's midnight), and within REPORT_HISTORY_DAYS of today.
 */
export const ReportDaySchema = v.pipe(
  ChinaDaySchema,
  notAfterToday(1, '日期不能晚于明天'),
  v.check(
    onDay((day) => day >= earliestReportDay(chinaToday()), isUsableDay),
    `只能查看近 ${REPORT_HISTORY_DAYS} 天的日报`,
  ),
);

export const TemperatureSchema = v.pipe(
  v.number('请填写体温'),
  v.minValue(34, '体温过低，请重新测量'),
  v.maxValue(43, '体温过高，请重新测量'),
);

const placePart = (label: string) =>
  textSchema({ max: { length: 20, message: `${label}不超过 20 个字` } });
export const RegionCodeSchema = v.pipe(
  v.string('地区代码格式不正确'),
  v.regex(/^[1-9]\d{5}$/, '地区代码应为 6 位数字'),
);

/**
 * A region code's own prefix: a province `420000` is `42`, a city `420100` is `4201`, a district
 * `420102` is itself, so an area covers a place exactly when the place's code starts with it.
 */
export function regionPrefix(code: string): string {
  return code.replace(/(00)+$/, '');
}

export const PlaceSchema = inputObject({
  province: textSchema({
    min: { length: 2, message: '请填写省份' },
    max: { length: 20, message: '省份不超过 20 个字' },
  }),
  city: v.optional(placePart('城市'), ''),
  district: v.optional(placePart('区县'), ''),
  /**
   * The place's 统计用区划代码 (GB/T 2260, six digits), as the region picker gives it: risk areas
   * match by code, so 「武汉」 typed as a province can no longer slip past 湖北省武汉市.
   */
  code: v.optional(RegionCodeSchema),
});
export type Place = v.InferOutput<typeof PlaceSchema>;

export const TRANSPORT_MODES = ['train', 'flight', 'car', 'bus', 'ship', 'other'] as const;
export const TRANSPORT_LABELS: Record<(typeof TRANSPORT_MODES)[number], string> = {
  train: '火车',
  flight: '飞机',
  car: '自驾',
  bus: '客车',
  ship: '轮船',
  other: '其他',
};

const bothUsable = (d: { departureDay: string; arrivalDay: string }) =>
  isUsableDay(d.departureDay) && isUsableDay(d.arrivalDay);

/** What a returnee declares (返乡登记); the rules classify from this. */
export const ReturnDeclarationSchema = v.pipe(
  inputObject({
    origin: PlaceSchema,
    /** Places passed through on the way (stops, transfers). */
    via: v.optional(
      v.pipe(v.array(PlaceSchema, '途经地格式不正确'), v.maxLength(10, '途经地最多 10 个')),
      [],
    ),
    transport: v.picklist(TRANSPORT_MODES, '请选择交通方式'),
    /** Train or flight number, or plate for a car. */
    transportNumber: v.optional(
      textSchema({ max: { length: 20, message: '车次、航班或车牌不超过 20 个字' } }),
      '',
    ),
    departureDay: ChinaDaySchema,
    arrivalDay: ArrivalDaySchema,
    contactWithCases: v.boolean('请说明是否接触过确诊或疑似病例'),
    symptoms: SymptomsSchema,
  }),
  // Compared only when both are usable days: a refused day already has its own message.
  v.forward(
    v.partialCheck(
      [['departureDay'], ['arrivalDay']],
      (d) => !bothUsable(d) || d.departureDay <= d.arrivalDay,
      '出发日期不能晚于抵达日期',
    ),
    ['departureDay'],
  ),
  v.forward(
    v.partialCheck(
      [['departureDay'], ['arrivalDay']],
      (d) => !bothUsable(d) || daysBetween(d.departureDay, d.arrivalDay) <= MAX_JOURNEY_DAYS,
      `出发日期不能早于抵达日期 ${MAX_JOURNEY_DAYS} 天以上`,
    ),
    ['departureDay'],
  ),
);
export type ReturnDeclaration = v.InferOutput<typeof ReturnDeclarationSchema>;

/** The command centre's list of risk areas: a province, or a city, or a district within one. */
export interface RiskArea {
  province: string;
  city?: string;
  district?: string;
  level: 'high' | 'medium';
  /** The area's region code: it covers every place whose code starts with its prefix. */
  code?: string;
  /** The China day it counts from: returns arriving earlier are classified without it. */
  since?: string;
}

export const RISK_LEVELS = ['high', 'medium'] as const;
export const RISK_LEVEL_LABELS: Record<(typeof RISK_LEVELS)[number], string> = {
  high: '高风险',
  medium: '中风险',
};

export interface ClassificationRules {
  riskAreas: RiskArea[];
  observationDays: number;
}

export interface Classification {
  class: ObservationClass;
  /** Why, in Chinese, one line per rule that applied. */
  reasons: string[];
}

/**
 * The 异常提醒 page for a node, as a mini-program page path (no leading slash, as subscribe
 * messages take it); the client opens the same route, so a message and a tap land alike.
 */
export const alertsPagePath = (gridId: string): string =>
  `pages/observe/alerts/index?gridId=${encodeURIComponent(gridId)}`;
