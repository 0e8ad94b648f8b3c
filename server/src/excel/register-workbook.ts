import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  IMPORT_MAX_ROWS,
  IMPORT_SHEETS,
  REGISTER_COLUMNS,
  RELATIONS,
  type ImportIssue,
  type RegisterColumn,
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

export interface RegisterWorkbookInput {
  /** Shown on the guide sheet, e.g. 九江镇 住户登记表. */
  title: string;
  /** Level names below the node, from the top: the first columns of both sheets. */
  levels: readonly string[];
  /** With an example row on each sheet (the empty template); an export leaves it out. */
  example?: { path: string[]; address: string } | undefined;
  tree?: readonly string[][];
  register?: readonly (Record<RegisterColumn, string> & { path: readonly string[] })[];
  /** Who produced the file and when: on the guide sheet of an export. */
  watermark?: string;
}

const registerHeaders = (levels: readonly string[]) => [
  ...levels,
  ...Object.values(REGISTER_COLUMNS),
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
  const relationColumn = columnLetter(at('relation'));
  const validations = (
    register as unknown as {
      dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
    }
  ).dataValidations;
  validations.add(
    `${relationColumn}${HEADER_ROW + 1}:${relationColumn}${Math.max(VALIDATED_ROWS, register.rowCount + 100)}`,
    {
      type: 'list',
      allowBlank: true,
      formulae: [`"${RELATIONS.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '与户主关系',
      error: `请从列表中选择：${RELATIONS.join('、')}`,
    },
  );
  return Buffer.from(await book.xlsx.writeBuffer());
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
  issues: ImportIssue[];
}

/**
 * The rows of a filled template, checked only for shape: the register sheet present, headers as
 * the template has them (the node's level names, then the register's columns), at most
 * IMPORT_MAX_ROWS rows. Blank rows and example rows are skipped. The file is streamed, not loaded
 * whole: a 30,000-row register stays well inside a function's memory.
 */
export async function readRegisterWorkbook(
  content: Buffer,
  levels: readonly string[],
): Promise<ReadRegister> {
  const issues: ImportIssue[] = [];
  const refuse = (message: string): ReadRegister => ({
    tree: [],
    register: [],
    issues: [{ sheet: '', row: 0, column: '', message }],
  });
  const sheets = new Map<string, SheetRow[]>();
  let tooMany = false;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(content), {
      sharedStrings: 'cache',
      styles: 'ignore',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      const { name } = sheet as unknown as { name: string };
      const expected =
        name === IMPORT_SHEETS.register
          ? registerHeaders(levels)
          : name === IMPORT_SHEETS.tree
            ? [...levels, NOTE_COLUMN]
            : null;
      const rows = expected ? new SheetReader(name, expected, levels, issues) : null;
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        if (!rows || tooMany) continue;
        rows.take(row);
        if (rows.rows.length > IMPORT_MAX_ROWS) tooMany = true;
      }
      if (rows) sheets.set(name, rows.finish());
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
  return {
    tree: (sheets.get(IMPORT_SHEETS.tree) ?? []).map((r) => ({ row: r.row, path: r.path })),
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

interface SheetRow {
  row: number;
  path: string[];
  text(header: string): string;
  isNumber(header: string): boolean;
}

/** One sheet's rows as they stream by: the header row maps names to columns, then each row. */
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
