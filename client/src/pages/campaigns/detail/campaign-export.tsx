import { SpreadsheetExport } from '../../../components/spreadsheet-export';
import { exportCampaign } from '../../../services/campaigns';

/**
 * 导出 Excel of the campaign under the node on screen: every target with each round's outcome,
 * answers and 责任书, and the coverage.
 */
export function CampaignExport(props: { campaignId: string; gridId: string; nodeName: string }) {
  const { campaignId, gridId, nodeName } = props;
  return (
    <SpreadsheetExport
      className="campaign-export"
      question={`导出「${nodeName}」本次排查的走访明细和覆盖率？文件仅限防控工作使用。`}
      exportFile={() => exportCampaign(campaignId, gridId)}
      doneNote={({ fileName, targets, rounds }) =>
        `已导出 ${targets} 个对象、${rounds} 轮走访（${fileName}）。`
      }
    />
  );
}
