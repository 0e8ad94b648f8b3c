import * as v from 'valibot';
import { GridNameSchema, LEVEL_TEMPLATES, type LevelTemplate } from './grid';
import { ChinaDaySchema, RegionCodeSchema, RISK_LEVELS, type ClassificationRules } from './health';
import { PersonNameSchema } from './people';
import { SETUP_CODE } from './codes';
import { codeSchema, idSchema, inputObject, textSchema } from './text';

/**
 * First run (初始化): a fresh environment has no root. The deployer sets a one-time setup code (the
 * `settings/setup` document, or the `setup` function's GRIDGUARD_SETUP_CODE variable); the first
 * person to enter it becomes 指挥部, names the root and picks the levels. The code is burnt on use.
 */
export const SetupCodeSchema = codeSchema(SETUP_CODE);

export const LEVEL_TEMPLATE_KEYS = Object.keys(LEVEL_TEMPLATES) as LevelTemplate[];
export const LevelTemplateSchema = v.picklist(LEVEL_TEMPLATE_KEYS, '请选择网格层级模板');

/** Level names from the root down: 2 to 8 levels of 1–10 characters, no two alike. */
export const LevelNamesSchema = v.pipe(
  v.array(
    textSchema({
      min: { length: 1, message: '请填写每一级的名称' },
      max: { length: 10, message: '层级名称不超过 10 个字' },
    }),
    '请填写层级名称',
  ),
  v.minLength(2, '至少两级网格'),
  v.maxLength(8, '最多八级网格'),
  v.check((levels) => new Set(levels).size === levels.length, '层级名称不能重复'),
);

const areaPart = (label: string) =>
  v.optional(textSchema({ max: { length: 20, message: `${label}不超过 20 个字` } }), '');

/** A 中高风险地区 as the command centre sets it: picked by region code, with its names. */
export const RiskAreaInputSchema = inputObject({
  province: textSchema({
    min: { length: 2, message: '请选择省份' },
    max: { length: 20, message: '省份不超过 20 个字' },
  }),
  city: areaPart('城市'),
  district: areaPart('区县'),
  code: RegionCodeSchema,
  level: v.picklist(RISK_LEVELS, '请选择风险等级'),
  since: ChinaDaySchema,
});

export const ClassificationRulesSchema = inputObject({
  riskAreas: v.pipe(
    v.array(RiskAreaInputSchema, '风险地区格式不正确'),
    v.maxLength(200, '风险地区最多 200 个'),
    v.check(
      (areas) => new Set(areas.map((a) => a.code)).size === areas.length,
      '同一地区只能出现一次',
    ),
  ),
  observationDays: v.pipe(
    v.number('请填写观察天数'),
    v.integer('观察天数须为整数'),
    v.minValue(7, '观察天数为 7–28 天'),
    v.maxValue(28, '观察天数为 7–28 天'),
  ),
});

/** At most this many 发热门诊 are listed: a town's designated clinics, not a directory. */
export const MAX_FEVER_CLINICS = 10;

/** A 发热门诊 the command centre designates: where residents with a fever go, and its number. */
export const FeverClinicSchema = inputObject({
  name: textSchema({
    min: { length: 2, message: '请填写门诊名称' },
    max: { length: 30, message: '门诊名称不超过 30 个字' },
  }),
  address: textSchema({
    min: { length: 2, message: '请填写地址' },
    max: { length: 60, message: '地址不超过 60 个字' },
  }),
  // A landline with its area code as often as a mobile: digits and hyphens.
  phone: v.pipe(
    v.string('请填写电话'),
    v.trim(),
    v.regex(/^\d[\d-]{2,18}\d$/, '电话应为数字，可含区号和“-”，如 0757-86500120'),
  ),
});

export const FeverClinicsSchema = inputObject({
  clinics: v.pipe(
    v.array(FeverClinicSchema, '发热门诊格式不正确'),
    v.maxLength(MAX_FEVER_CLINICS, `发热门诊最多 ${MAX_FEVER_CLINICS} 个`),
  ),
});

export type FeverClinic = v.InferOutput<typeof FeverClinicSchema>;

/** The 发热门诊 in force, with who changed them last. */
export interface ClinicsView {
  clinics: FeverClinic[];
  updatedAt: string | null;
  updatedBy: string | null;
}

export const SETUP_SCHEMAS = {
  /** Whether this environment still waits for its first run, and its levels once set up. */
  status: inputObject({}),
  /** 初始化: the setup code, the deployer's name, the root's name, and the levels. */
  claim: inputObject({
    code: SetupCodeSchema,
    name: PersonNameSchema,
    rootName: GridNameSchema,
    template: v.nullable(LevelTemplateSchema),
    levels: LevelNamesSchema,
  }),
  /** The command centre renames the levels (existing nodes take the new names). */
  levels: inputObject({ levels: LevelNamesSchema }),
  /** The classification rules in force: 中高风险地区 and the observation days (command centre). */
  rules: inputObject({}),
  /** Replaces them whole; classification of new returns uses them from then on. Audited. */
  saveRules: ClassificationRulesSchema,
  /** The 发热门诊 residents are sent to after a fever report (anyone signed in reads them). */
  clinics: inputObject({}),
  /** Replaces the 发热门诊 list whole (command centre). Audited. */
  saveClinics: FeverClinicsSchema,
  /** Who is 指挥部 now (command centre only). */
  commanders: inputObject({}),
  /** Makes a confirmed member of the top node 指挥部 too: a code alone never makes anyone so. */
  grantCommand: inputObject({
    openid: idSchema('成员编号'),
    confirm: v.literal(true, '请先确认此操作'),
  }),
  /** Takes 指挥部 from someone else (never from oneself, so one always remains). */
  revokeCommand: inputObject({
    openid: idSchema('成员编号'),
    confirm: v.literal(true, '请先确认此操作'),
  }),
} as const;

export interface Commander {
  openid: string;
  name: string;
}

export interface SetupStatus {
  /** True until someone has entered the setup code: the 初始化 page is offered. */
  needed: boolean;
  template: LevelTemplate | null;
  levels: string[];
}

export interface SetupResult {
  rootId: string;
  rootName: string;
  levels: string[];
}

/** The rules in force, with who changed them last. */
export interface RulesView extends ClassificationRules {
  updatedAt: string | null;
  updatedBy: string | null;
}
