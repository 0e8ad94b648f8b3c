import { FileIdSchema } from './errands';
import { GridIdSchema } from './grid';
import { idSchema, inputObject } from './text';

/**
 * 导入登记表: the household registers villages already keep in Excel (the 摸底 spreadsheets), brought
 * in through one template. The tree sheet lists nodes by level names; the register sheet lists one
 * person per row under their node and door, a household's people on consecutive rows.
 */
export const IMPORT_SHEETS = {
  guide: '填写说明',
  tree: '网格',
  register: '住户人员',
  rentals: '出租屋',
  enterprises: '企业',
} as const;

/** The register sheet's columns after the level columns, in order. */
export const REGISTER_COLUMNS = {
  address: '门牌地址',
  name: '姓名',
  relation: '与户主关系',
  idNumber: '身份证号',
  phone: '手机号',
} as const;
export type RegisterColumn = keyof typeof REGISTER_COLUMNS;

/**
 * The 出租屋 sheet's columns after the level columns: one row per tenant, a rental's tenants on
 * consecutive rows (a row with blank levels and door continues the rental above). The landlord and
 * the tenants are people of the register, found by ID number (in the register, or on the 住户人员
 * sheet of the same file); the name is there to catch a mistyped number.
 */
export const RENTAL_COLUMNS = {
  address: '门牌地址',
  rooms: '房间数',
  landlordName: '房东姓名',
  landlordIdNumber: '房东身份证号',
  tenantName: '租客姓名',
  tenantIdNumber: '租客身份证号',
  leaseStart: '租期开始',
  leaseEnd: '租期结束',
} as const;
export type RentalColumn = keyof typeof RENTAL_COLUMNS;

/** The 企业 sheet's columns after the level columns: one row per enterprise. */
export const ENTERPRISE_COLUMNS = {
  name: '企业名称',
  address: '门牌地址',
  leaderName: '负责人',
  phone: '负责人手机号',
  workforce: '职工人数',
  status: '复工状态',
} as const;
export type EnterpriseColumn = keyof typeof ENTERPRISE_COLUMNS;

/** At most this many data rows on the register sheet (30,000 people and room to spare). */
export const IMPORT_MAX_ROWS = 40_000;
/** The largest file taken: a 40,000-row register is about 2 MB as .xlsx. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** Errors listed in a preview; the count says how many there were in all. */
export const IMPORT_ERRORS_SHOWN = 100;

export const ImportIdSchema = idSchema('导入批次');

export const IMPORT_SCHEMAS = {
  /** The template (.xlsx) for the node's subtree: its level names as columns, an example row. */
  template: inputObject({ gridId: GridIdSchema }),
  /** Where the client uploads the filled file: a path in the caller's own folder. */
  uploadTarget: inputObject({ gridId: GridIdSchema }),
  /** Reads the uploaded file and answers what it would change; writes nothing to the register. */
  preview: inputObject({ gridId: GridIdSchema, fileId: FileIdSchema }),
  /** Commits a previewed import, a part at a time: call again until it is done (resumable). */
  commit: inputObject({ importId: ImportIdSchema }),
  /** The caller's import under the node that is previewed or half-committed, if any. */
  pending: inputObject({ gridId: GridIdSchema }),
  /** The node's register in the same template (masked unless the caller may reveal). */
  export: inputObject({ gridId: GridIdSchema }),
} as const;

export const IMPORT_STATUSES = ['invalid', 'ready', 'committing', 'done'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  invalid: '有错误，未导入',
  ready: '待确认导入',
  committing: '正在导入',
  done: '已导入',
};

/** One problem in the file, where the user finds it: sheet, row number as Excel shows it, column. */
export interface ImportIssue {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface ImportCounts {
  nodes: { create: number; existing: number };
  households: { create: number; existing: number };
  people: ChangeCounts;
  rentals: ChangeCounts;
  enterprises: ChangeCounts;
}

export interface ChangeCounts {
  create: number;
  update: number;
  unchanged: number;
}

export interface ImportView {
  importId: string;
  gridId: string;
  gridName: string;
  status: ImportStatus;
  counts: ImportCounts;
  /** The first IMPORT_ERRORS_SHOWN problems, in sheet and row order. */
  errors: ImportIssue[];
  errorCount: number;
  /** Parts committed of all parts: the progress bar. */
  progress: { done: number; total: number };
  createdAt: string;
}

/** A generated spreadsheet: a temporary link and the name to save it under. */
export interface SpreadsheetLink {
  url: string;
  fileName: string;
}

export interface ImportOutputs {
  template: SpreadsheetLink;
  uploadTarget: { cloudPath: string };
  preview: ImportView;
  commit: ImportView;
  pending: ImportView | null;
  export: SpreadsheetLink & {
    households: number;
    people: number;
    rentals: number;
    enterprises: number;
    revealed: boolean;
  };
}

export const emptyImportCounts = (): ImportCounts => ({
  nodes: { create: 0, existing: 0 },
  households: { create: 0, existing: 0 },
  people: { create: 0, update: 0, unchanged: 0 },
  rentals: { create: 0, update: 0, unchanged: 0 },
  enterprises: { create: 0, update: 0, unchanged: 0 },
});

/** Used by the h5 preview's upload route and the function alike: the folder an import lives in. */
export const IMPORT_UPLOAD_ROOT = 'imports';
