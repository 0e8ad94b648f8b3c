import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell, Table } from '../domain/campaign-export';

/** Rows above each table: the title, then who exported it and when. */
export const CAMPAIGN_HEADER_ROWS = 2;

export interface CampaignWorkbookInput {
  /** e.g. 沙头社区 第一次洗楼 排查明细 */
  title: string;
  /** Who exported, and when: above every table and in the printed page's header and footer. */
  watermark: string;
  sheets: { name: string; table: Table }[];
}

/** Wide enough for the header, and for a Chinese address or a China time. */
const widthOf = (header: string) => Math.min(40, Math.max(10, [...header].length * 2 + 2));

/**
 * The campaign's tables as a workbook, written row by row as a stream: a 20,000-door campaign
 * over several rounds is a few million cells, which exceljs's in-memory workbook would hold
 * several times over (about a gigabyte); streamed, each row is committed and let go.
 */
export async function buildCampaignWorkbook(input: CampaignWorkbookInput): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: true,
    useStyles: true,
  });
  book.creator = input.watermark;
  book.title = input.title;
  for (const { name, table } of input.sheets) {
    const sheet = book.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: CAMPAIGN_HEADER_ROWS + 1 }],
      headerFooter: {
        oddHeader: `&L${input.title}&R${input.watermark}`,
        oddFooter: `&L${input.watermark}&R第 &P 页，共 &N 页`,
      },
    });
    sheet.columns = table.headers.map((header) => ({ width: widthOf(header) }));
    const title = sheet.addRow([input.title]);
    title.font = { bold: true, size: 14 };
    title.commit();
    const mark = sheet.addRow([input.watermark]);
    mark.font = { italic: true, color: { argb: 'FF999999' } };
    mark.commit();
    const header = sheet.addRow(table.headers);
    header.font = { bold: true };
    header.commit();
    for (const row of table.rows) sheet.addRow(row satisfies Cell[]).commit();
    sheet.commit();
  }
  await book.commit();
  await finished;
  return Buffer.concat(chunks);
}
