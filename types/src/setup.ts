import * as v from 'valibot';
import { GridNameSchema, LEVEL_TEMPLATES, type LevelTemplate } from './grid';
import { PersonNameSchema } from './people';
import { codeSchema, idSchema, inputObject, textSchema } from './text';

/**
 * First run (初始化): a fresh environment has no root. The deployer sets a one-time setup code (the
 * `settings/setup` document, or the `setup` function's GRIDGUARD_SETUP_CODE variable); the first
 * person to enter it becomes 指挥部, names the root and picks the levels. The code is burnt on use.
 */
export const SETUP_CODE_LENGTH = 10;
export const SetupCodeSchema = codeSchema(SETUP_CODE_LENGTH, '部署码应为 10 位字母或数字');

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
