import ExcelJS from 'exceljs';
import {
  ENTERPRISE_COLUMNS,
  ENTERPRISE_STATUS_LABELS,
  IMPORT_MAX_ROWS,
  IMPORT_SHEETS,
  REGISTER_COLUMNS,
  RELATIONS,
  RENTAL_COLUMNS,
  type EnterpriseColumn,
  type ImportIssue,
  type RegisterColumn,
  type RentalColumn,
} from '@gridguard/types';

/**
 * The 导入登记表 workbook: the template a village fills, the register exported back in the same
 * shape, and reading a filled one into plain rows. Checking what the rows mean is the domain's job
 * (domain/imports.ts); this module only knows cells.
 */

/** The last column of both data sheets: an example row says 示例 here and is skipped. */
export const NOTE_COLUMN = '备注';
export const EXAMPLE_NOTE = '示例（导入时跳过，可删除）';
const HEADER_ROW = 1;
/** Rows of the template that carry the relation picklist: the register's room and then some. */
const VALIDATED_ROWS = 5000;

export interface TreeRow {
  row: number;
  /** Names from the level below the import's node down, blank levels dropped at the end. */
  path: string[];
}

export interface RegisterRow extends TreeRow {
  address: string;
  name: string;
  relation: string;
  idNumber: string;
  phone: string;
  /** True when an ID number was stored as a number, which Excel rounds beyond 15 digits. */
  idNumberWasNumber: boolean;
}

/** A row of the 出租屋 sheet as typed: one tenant of a rental, or a rental without tenants. */
export type RentalRow = TreeRow &
  Record<RentalColumn, string> & { landlordIdWasNumber: boolean; tenantIdWasNumber: boolean };

/** A row of the 企业 sheet as typed. */
export type EnterpriseRow = TreeRow & Record<EnterpriseColumn, string>;

const STATUS_LABELS = Object.values(ENTERPRISE_STATUS_LABELS);

export interface RegisterWorkbookInput {
  /** Shown on the guide sheet, e.g. 九江镇 住户登记表. */
  title: string;
  /** Level names below the node, from the top: the first columns of both sheets. */
  levels: readonly string[];
  /** With an example row on each sheet (the empty template); an export leaves it out. */
  example?: { path: string[]; address: string } | undefined;
  tree?: readonly string[][];
  register?: readonly (Record<RegisterColumn, string> & { path: readonly string[] })[];
  rentals?: readonly (Record<RentalColumn, string> & { path: readonly string[] })[];
  enterprises?: readonly (Record<EnterpriseColumn, string> & { path: readonly string[] })[];
  /** Who produced the file and when: on the guide sheet of an export. */
  watermark?: string;
}

const registerHeaders = (levels: readonly string[]) => [
  ...levels,
  ...Object.values(REGISTER_COLUMNS),
  NOTE_COLUMN,
];
const rentalHeaders = (levels: readonly string[]) => [
  ...levels,
  ...Object.values(RENTAL_COLUMNS),
  NOTE_COLUMN,
];
const enterpriseHeaders = (levels: readonly string[]) => [
  ...levels,
  ...Object.values(ENTERPRISE_COLUMNS),
  NOTE_COLUMN,
];

function headerRow(sheet: ExcelJS.Worksheet, headers: readonly string[]): void {
  const row = sheet.getRow(HEADER_ROW);
  row.values = [...headers];
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5E6E6' } };
  sheet.views = [{ state: 'frozen', ySplit: HEADER_ROW }];
  headers.forEach((h, i) => {
    sheet.getColumn(i + 1).width = Math.max(12, h.length * 2 + 4);
  });
}

function guideSheet(book: ExcelJS.Workbook, input: RegisterWorkbookInput): void {
  const sheet = book.addWorksheet(IMPORT_SHEETS.guide);
  sheet.getColumn(1).width = 100;
  // Level names carry brackets of their own (村(社区)): listed after a colon, never inside a pair.
  const levels = input.levels.length > 0 ? input.levels.join(' → ') : '本网格下不再分级';
  const lines = [
    input.title,
    ...(input.watermark ? [input.watermark] : []),
    '',
    `1. 「${IMPORT_SHEETS.tree}」表：每行一个网格，从左到右依次填写各级名称：${levels}。没有住户的网格也可以在这里列出。`,
    `2. 「${IMPORT_SHEETS.register}」表：每行一个人。先填所在各级网格名称，再填门牌地址、姓名、与户主关系、身份证号、手机号。`,
    '3. 同一户的人请连续填写：门牌地址相同即为同一户；下一行的网格和门牌地址留空，表示与上一行同一户。只有门牌地址、没有姓名的行登记一户暂无人员的住户。',
    '4. 身份证号和手机号请按文本填写（模板已设为文本格式），否则 Excel 会把长数字改写。带 * 的号码（导出的打码号码）表示保持系统中的原值不变。',
    `5. 与户主关系可选：${RELATIONS.join('、')}。`,
    `6. 「${NOTE_COLUMN}」列写有“示例”的行不会导入。再次导入同一个文件不会重复登记：网格按名称、住户按网格和门牌地址、人员按身份证号（没有身份证号时按住户和姓名）对应，已有的只更新变化的内容。`,
    `7. 「${IMPORT_SHEETS.rentals}」表（可不填）：每行一名租客，同一出租屋的租客连续填写（下一行的网格和门牌地址留空表示同一出租屋）；没有租客的出租屋填一行、租客各列留空。房东和租客须是登记表中的人员（本网格已登记的，或本文件「${IMPORT_SHEETS.register}」表中的），按身份证号对应，姓名须与登记一致。日期写作 2020-02-10。导入只登记或更新租客，不移除已登记的租客。`,
    `8. 「${IMPORT_SHEETS.enterprises}」表（可不填）：每行一家企业，同一网格内按企业名称对应。复工状态可选：${STATUS_LABELS.join('、')}。负责人手机号留空或带 * 表示保持系统中的原值不变。`,
    '9. 出租屋和企业与住户一样，只能登记在最末一级网格。',
  ];
  lines.forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
}

/** A filled-in template, or the register exported back in the same shape. */
export async function buildRegisterWorkbook(input: RegisterWorkbookInput): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '网格守护';
  guideSheet(book, input);

  const tree = book.addWorksheet(IMPORT_SHEETS.tree);
  const treeHeaders = [...input.levels, NOTE_COLUMN];
  headerRow(tree, treeHeaders);
  if (input.example && input.levels.length > 0) {
    tree.addRow([...padded(input.example.path, input.levels.length), EXAMPLE_NOTE]);
  }
  for (const path of input.tree ?? []) tree.addRow(padded(path, input.levels.length));

  const register = book.addWorksheet(IMPORT_SHEETS.register);
  const headers = registerHeaders(input.levels);
  headerRow(register, headers);
  const at = (column: RegisterColumn) =>
    input.levels.length + Object.keys(REGISTER_COLUMNS).indexOf(column) + 1;
  // Long digit strings stay text: as numbers, Excel would round an ID number past 15 digits.
  register.getColumn(at('idNumber')).numFmt = '@';
  register.getColumn(at('phone')).numFmt = '@';
  if (input.example) {
    register.addRow([
      ...padded(input.example.path, input.levels.length),
      input.example.address,
      '张三',
      '本人',
      '110101199003070011',
      '13800138000',
      EXAMPLE_NOTE,
    ]);
  }
  for (const r of input.register ?? []) {
    register.addRow([
      ...padded([...r.path], input.levels.length),
      r.address,
      r.name,
      r.relation,
      r.idNumber,
      r.phone,
    ]);
  }
  picklist(register, at('relation'), RELATIONS, REGISTER_COLUMNS.relation);
  rentalSheet(book, input);
  enterpriseSheet(book, input);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The column of a field on a sheet whose fields follow the level columns. */
const fieldColumn = (levels: readonly string[], fields: object, field: string) =>
  levels.length + Object.keys(fields).indexOf(field) + 1;

function rentalSheet(book: ExcelJS.Workbook, input: RegisterWorkbookInput): void {
  const sheet = book.addWorksheet(IMPORT_SHEETS.rentals);
  headerRow(sheet, rentalHeaders(input.levels));
  const at = (field: RentalColumn) => fieldColumn(input.levels, RENTAL_COLUMNS, field);
  for (const field of ['landlordIdNumber', 'tenantIdNumber', 'leaseStart', 'leaseEnd'] as const)
    sheet.getColumn(at(field)).numFmt = '@';
  const order = Object.keys(RENTAL_COLUMNS) as RentalColumn[];
  if (input.example) {
    const example: Record<RentalColumn, string> = {
      address: '示例路2号',
      rooms: '3',
      landlordName: '张三',
      landlordIdNumber: '110101199003070011',
      tenantName: '李四',
      tenantIdNumber: '110101199508150022',
      leaseStart: '2020-02-01',
      leaseEnd: '2021-01-31',
    };
    sheet.addRow([
      ...padded(input.example.path, input.levels.length),
      ...order.map((f) => example[f]),
      EXAMPLE_NOTE,
    ]);
  }
  for (const r of input.rentals ?? [])
    sheet.addRow([...padded([...r.path], input.levels.length), ...order.map((f) => r[f])]);
}

function enterpriseSheet(book: ExcelJS.Workbook, input: RegisterWorkbookInput): void {
  const sheet = book.addWorksheet(IMPORT_SHEETS.enterprises);
  headerRow(sheet, enterpriseHeaders(input.levels));
  const at = (field: EnterpriseColumn) => fieldColumn(input.levels, ENTERPRISE_COLUMNS, field);
  sheet.getColumn(at('phone')).numFmt = '@';
  const order = Object.keys(ENTERPRISE_COLUMNS) as EnterpriseColumn[];
  if (input.example) {
    const example: Record<EnterpriseColumn, string> = {
      name: '示例制衣厂',
      address: '示例路3号',
      leaderName: '王五',
      phone: '13900139000',
      workforce: '25',
      status: ENTERPRISE_STATUS_LABELS.applied,
    };
    sheet.addRow([
      ...padded(input.example.path, input.levels.length),
      ...order.map((f) => example[f]),
      EXAMPLE_NOTE,
    ]);
  }
  for (const r of input.enterprises ?? [])
    sheet.addRow([...padded([...r.path], input.levels.length), ...order.map((f) => r[f])]);
  picklist(sheet, at('status'), STATUS_LABELS, ENTERPRISE_COLUMNS.status);
}

/** A column whose cells take one of `values`, from the first data row down. */
function picklist(
  sheet: ExcelJS.Worksheet,
  column: number,
  values: readonly string[],
  title: string,
): void {
  const letter = columnLetter(column);
  const validations = (
    sheet as unknown as {
      dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
    }
  ).dataValidations;
  validations.add(
    `${letter}${HEADER_ROW + 1}:${letter}${Math.max(VALIDATED_ROWS, sheet.rowCount + 100)}`,
    {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorTitle: title,
      error: `请从列表中选择：${values.join('、')}`,
    },
  );
}

function padded(path: readonly string[], length: number): string[] {
  return Array.from({ length }, (_, i) => path[i] ?? '');
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** A cell's text whatever Excel stored: rich text, a formula's result, a hyperlink, a date. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

export interface ReadRegister {
  tree: TreeRow[];
  register: RegisterRow[];
  /** Empty when the file has no such sheet: a register alone imports as it always did. */
  rentals: RentalRow[];
  enterprises: EnterpriseRow[];
  issues: ImportIssue[];
}

/**
 * The rows of a filled template, checked only for shape: the register sheet present (出租屋 and
 * 企业 when the file has them), headers as the template has them (the node's level names, then
 * the sheet's columns), at most IMPORT_MAX_ROWS rows a sheet. Blank rows and example rows are
 * skipped.
 */
export async function readRegisterWorkbook(
  content: Buffer,
  levels: readonly string[],
): Promise<ReadRegister> {
  const issues: ImportIssue[] = [];
  const refuse = (message: string): ReadRegister => ({
    tree: [],
    register: [],
    rentals: [],
    enterprises: [],
    issues: [{ sheet: '', row: 0, column: '', message }],
  });
  const sheets = new Map<string, SheetRow[]>();
  let tooMany = false;
  /** Each sheet the import reads, row by row as they come; other sheets are passed over. */
  const readSheet = (name: string, rows: readonly ExcelJS.Row[]) => {
    const expected = expectedHeaders(name, levels);
    const reader = expected ? new SheetReader(name, expected, levels, issues) : null;
    for (const row of rows) {
      if (!reader || tooMany) continue;
      reader.take(row);
      if (reader.rows.length > IMPORT_MAX_ROWS) tooMany = true;
    }
    if (reader) sheets.set(name, reader.finish());
  };
  try {
    // Loaded whole, not streamed: exceljs's streamed reader (4.4.0) sometimes stops after the
    // shared strings when they come after the sheets, as in every file exceljs writes (our template
    // and export), and then throws or reads part of a sheet (1 read in 40 with three sheets, 1 in 2
    // with five). A 40,000-row file is a few MB, well inside the function's memory.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(content as unknown as ArrayBuffer);
    for (const sheet of book.worksheets) {
      const rows: ExcelJS.Row[] = [];
      sheet.eachRow((row) => rows.push(row));
      readSheet(sheet.name, rows);
    }
  } catch {
    return refuse('文件不是有效的 Excel（.xlsx）表格，请用下载的模板填写后另存为 .xlsx');
  }
  if (tooMany) {
    return refuse(`一次最多导入 ${IMPORT_MAX_ROWS} 行，请分成几个文件`);
  }
  const register = sheets.get(IMPORT_SHEETS.register);
  if (!register) {
    return refuse(`找不到「${IMPORT_SHEETS.register}」工作表，请使用下载的模板`);
  }
  const fields = <K extends string>(r: SheetRow, columns: Record<K, string>) =>
    Object.fromEntries(
      Object.entries<string>(columns).map(([key, header]) => [key, r.text(header)]),
    ) as Record<K, string>;
  return {
    tree: (sheets.get(IMPORT_SHEETS.tree) ?? []).map((r) => ({ row: r.row, path: r.path })),
    rentals: (sheets.get(IMPORT_SHEETS.rentals) ?? []).map((r) => ({
      row: r.row,
      path: r.path,
      ...fields(r, RENTAL_COLUMNS),
      landlordIdWasNumber: r.isNumber(RENTAL_COLUMNS.landlordIdNumber),
      tenantIdWasNumber: r.isNumber(RENTAL_COLUMNS.tenantIdNumber),
    })),
    enterprises: (sheets.get(IMPORT_SHEETS.enterprises) ?? []).map((r) => ({
      row: r.row,
      path: r.path,
      ...fields(r, ENTERPRISE_COLUMNS),
    })),
    register: register.map((r) => ({
      row: r.row,
      path: r.path,
      address: r.text(REGISTER_COLUMNS.address),
      name: r.text(REGISTER_COLUMNS.name),
      relation: r.text(REGISTER_COLUMNS.relation),
      idNumber: r.text(REGISTER_COLUMNS.idNumber),
      phone: r.text(REGISTER_COLUMNS.phone),
      idNumberWasNumber: r.isNumber(REGISTER_COLUMNS.idNumber),
    })),
    issues,
  };
}

/** The headers a sheet of the template has, or null for a sheet the import does not read. */
function expectedHeaders(name: string, levels: readonly string[]): string[] | null {
  switch (name) {
    case IMPORT_SHEETS.register:
      return registerHeaders(levels);
    case IMPORT_SHEETS.tree:
      return [...levels, NOTE_COLUMN];
    case IMPORT_SHEETS.rentals:
      return rentalHeaders(levels);
    case IMPORT_SHEETS.enterprises:
      return enterpriseHeaders(levels);
    default:
      return null;
  }
}

interface SheetRow {
  row: number;
  path: string[];
  text(header: string): string;
  isNumber(header: string): boolean;
}

/** One sheet's rows in order: the header row maps names to columns, then each row. */
class SheetReader {
  readonly rows: SheetRow[] = [];
  private columns: Map<string, number> | null = null;

  constructor(
    private readonly sheet: string,
    private readonly expected: readonly string[],
    private readonly levels: readonly string[],
    private readonly issues: ImportIssue[],
  ) {}

  take(row: ExcelJS.Row): void {
    if (row.number === HEADER_ROW) {
      this.columns = this.header(row);
      return;
    }
    const columns = this.columns;
    if (!columns) return;
    const values = row.values as ExcelJS.CellValue[];
    const valueOf = (name: string) => {
      const at = columns.get(name);
      return at === undefined ? null : (values[at] ?? null);
    };
    const text = (name: string) => cellText(valueOf(name));
    if (text(NOTE_COLUMN).startsWith('示例')) return;
    if (this.expected.every((name) => text(name) === '')) return;
    const names = this.levels.map(text);
    let last = names.length;
    while (last > 0 && names[last - 1] === '') last -= 1;
    this.rows.push({
      row: row.number,
      path: names.slice(0, last),
      text,
      isNumber: (name) => typeof valueOf(name) === 'number',
    });
  }

  finish(): SheetRow[] {
    if (!this.columns) this.header(null);
    return this.rows;
  }

  private header(row: ExcelJS.Row | null): Map<string, number> {
    const columns = new Map<string, number>();
    const issue = (column: string, message: string) =>
      this.issues.push({ sheet: this.sheet, row: HEADER_ROW, column, message });
    ((row?.values ?? []) as ExcelJS.CellValue[]).forEach((value, n) => {
      const name = cellText(value);
      if (!name) return;
      if (!this.expected.includes(name))
        issue(columnLetter(n), `表头「${name}」不是本模板的列，请使用本网格下载的模板`);
      else if (columns.has(name)) issue(columnLetter(n), `表头「${name}」重复`);
      else columns.set(name, n);
    });
    for (const name of this.expected) {
      if (name !== NOTE_COLUMN && !columns.has(name))
        issue(name, `缺少「${name}」列，请使用本网格下载的模板`);
    }
    return columns;
  }
}
