import type { Table } from '../domain/campaign-export';
import { buildCampaignWorkbook } from './campaign-workbook';

export interface CheckpointWorkbookInput {
  /** e.g. 村口东卡口 通行记录 2020-02-01 至 2020-02-07 */
  title: string;
  /** Who exported, and when: above every table and in the printed page's header and footer. */
  watermark: string;
  sheets: { name: string; table: Table }[];
}

/**
 * A site's log as a workbook. A month of a busy gate is tens of thousands of rows, so it goes
 * through the same streamed writer as a campaign's export (title, watermark row, frozen header,
 * the watermark in the printed header and footer of every sheet) rather than a second copy of it.
 */
export function buildCheckpointWorkbook(input: CheckpointWorkbookInput): Promise<Buffer> {
  return buildCampaignWorkbook(input);
}
