import * as v from 'valibot';
import { ChinaDayPattern } from './china-time';

/** 常规 / 重点 / 集中观察: the observation classes of the Jiujiang reports. */
export const OBSERVATION_CLASSES = ['routine', 'key', 'central'] as const;
export const ObservationClassSchema = v.picklist(OBSERVATION_CLASSES);
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
export const SymptomSchema = v.picklist(SYMPTOMS);
export type Symptom = v.InferOutput<typeof SymptomSchema>;
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
export const DEFAULT_OBSERVATION_DAYS = 14;

export const ChinaDaySchema = v.pipe(
  v.string(),
  v.regex(ChinaDayPattern, '日期格式应为 YYYY-MM-DD'),
);
export const TemperatureSchema = v.pipe(
  v.number('请填写体温'),
  v.minValue(34, '体温过低，请重新测量'),
  v.maxValue(43, '体温过高，请重新测量'),
);

export const PlaceSchema = v.object({
  province: v.pipe(v.string(), v.trim(), v.minLength(2, '请填写省份'), v.maxLength(20)),
  city: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(20)), ''),
  district: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(20)), ''),
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

/** What a returnee declares (返乡登记); the rules classify from this. */
export const ReturnDeclarationSchema = v.object({
  origin: PlaceSchema,
  /** Places passed through on the way (stops, transfers). */
  via: v.optional(v.array(PlaceSchema), []),
  transport: v.picklist(TRANSPORT_MODES, '请选择交通方式'),
  /** Train or flight number, or plate for a car. */
  transportNumber: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(20)), ''),
  departureDay: ChinaDaySchema,
  arrivalDay: ChinaDaySchema,
  contactWithCases: v.boolean('请说明是否接触过确诊或疑似病例'),
  symptoms: v.array(SymptomSchema),
});
export type ReturnDeclaration = v.InferOutput<typeof ReturnDeclarationSchema>;

/** The command centre's list of risk areas: a province, or a city, or a district within one. */
export interface RiskArea {
  province: string;
  city?: string;
  district?: string;
  level: 'high' | 'medium';
}

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
