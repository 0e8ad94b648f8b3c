import ExcelJS from 'exceljs';
import {
  FIGURE_KEYS,
  FIGURE_LABELS,
  OBSERVATION_CLASS_LABELS,
  type DailyReportRow,
  type ObservationClass,
} from '@gridguard/types';

/** A person on a list behind the report: phone and ID number arrive already masked. */
export interface ListedPerson {
  name: string;
  gridPath: string;
  class: ObservationClass;
  phoneMasked: string | null;
  idNumberMasked: string | null;
  detail: string;
}

export interface ReportWorkbookInput {
  /** e.g. 九江镇 2020-02-08 防控日报 */
  title: string;
  /** Who exported, and when: printed on every sheet and in the page header. */
  watermark: string;
  /** The subtree's rows, the exported node first; `path` is the node's place, e.g. 九江镇/沙头社区. */
  rows: (DailyReportRow & { path: string })[];
  escalated: ListedPerson[];
  missing: ListedPerson[];
}

export const SHEET_NAMES = {
  report: '日报汇总',
  escalated: '异常人员',
  missing: '今日未报',
} as const;
/** Rows above the table on every sheet: the title, then the watermark line. */
export const HEADER_ROWS = 2;

function sheetWith(
  book: ExcelJS.Workbook,
  name: string,
  input: ReportWorkbookInput,
  columns: { header: string; width: number }[],
): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROWS + 1 }],
    headerFooter: {
      oddHeader: `&L${input.title}&R${input.watermark}`,
      oddFooter: `&L${input.watermark}&R第 &P 页，共 &N 页`,
    },
  });
  sheet.addRow([input.title]).font = { bold: true, size: 14 };
  sheet.addRow([input.watermark]).font = { italic: true, color: { argb: 'FF999999' } };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  return sheet;
}

function listSheet(
  book: ExcelJS.Workbook,
  name: string,
  input: ReportWorkbookInput,
  people: readonly ListedPerson[],
  detailHeader: string,
) {
  const sheet = sheetWith(book, name, input, [
    { header: '姓名', width: 10 },
    { header: '所在网格', width: 36 },
    { header: '观察类别', width: 10 },
    { header: '电话', width: 14 },
    { header: '身份证号', width: 22 },
    { header: detailHeader, width: 24 },
  ]);
  for (const p of people) {
    sheet.addRow([
      p.name,
      p.gridPath,
      OBSERVATION_CLASS_LABELS[p.class],
      p.phoneMasked ?? '',
      p.idNumberMasked ?? '',
      p.detail,
    ]);
  }
}

/**
 * The daily report of a subtree as an Excel workbook: the figures of every node (late ones marked),
 * then the people behind the alerts and the missing reports. Personal numbers are masked before
 * they get here; the watermark names who exported it.
 */
export async function buildReportWorkbook(input: ReportWorkbookInput): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = input.watermark;
  book.title = input.title;
  const report = sheetWith(book, SHEET_NAMES.report, input, [
    { header: '网格', width: 36 },
    { header: '层级', width: 10 },
    ...FIGURE_KEYS.map((k) => ({ header: FIGURE_LABELS[k], width: 9 })),
    { header: '按时', width: 8 },
  ]);
  for (const row of input.rows) {
    const added = report.addRow([
      row.path,
      row.levelName,
      ...FIGURE_KEYS.map((k) => row.figures[k]),
      row.late ? '迟报' : '按时',
    ]);
    if (row.late) added.getCell(FIGURE_KEYS.length + 3).font = { color: { argb: 'FFC8161D' } };
  }
  listSheet(book, SHEET_NAMES.escalated, input, input.escalated, '异常原因');
  listSheet(book, SHEET_NAMES.missing, input, input.missing, '最近一次报告');
  return Buffer.from(await book.xlsx.writeBuffer());
}
