import { SpreadsheetExport } from '../../../components/spreadsheet-export';
import { exportCheckpointLog } from '../../../services/checkpoints-log';

/**
 * 导出 Excel of a site's log over the days on screen (leaders only): names and phones masked,
 * the exporter's name and time on every sheet.
 */
export function LogExport(props: { siteId: string; name: string; from: string; to: string }) {
  const { siteId, name, from, to } = props;
  return (
    <SpreadsheetExport
      question={`导出「${name}」${from} 至 ${to} 的通行记录？姓名和手机号已脱敏，文件仅限防控工作使用，导出将被记录。`}
      exportFile={() => exportCheckpointLog(siteId, from, to)}
      doneNote={({ fileName, entries }) => `已导出 ${entries} 条通行记录（${fileName}）。`}
    />
  );
}
