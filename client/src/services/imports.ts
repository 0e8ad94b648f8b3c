import type { FunctionResult, ImportIssue, ImportView } from '@gridguard/types';
import { platform, type LocalFile } from '../platform';
import { callAction } from './call-action';

export type {
  ChangeCounts,
  ImportCounts,
  ImportIssue,
  ImportStatus,
  ImportView,
} from '@gridguard/types';
export { IMPORT_ERRORS_SHOWN, IMPORT_SHEETS, REGISTER_COLUMNS } from '@gridguard/types';
export type { LocalFile };

/** The .xlsx template for the node's subtree: a temporary link and the name to save it under. */
export function getImportTemplate(gridId: string) {
  return callAction('imports', 'template', { gridId });
}

/** Where the file is picked from, said under the upload button. */
export const REGISTER_FILE_HINT =
  platform.kind === 'weapp'
    ? '只能上传 .xlsx 文件。请先把填好的文件发到微信聊天（如文件传输助手），再从聊天中选择。'
    : '只能上传 .xlsx 文件，最大 10 MB。';

/** Picks a filled-in register; null when the user backs out. Not .xlsx or too large: refused. */
export function chooseRegisterFile(): Promise<FunctionResult<LocalFile | null>> {
  return platform.chooseSpreadsheet();
}

/**
 * Uploads the picked file where the server says: a fresh name in the caller's own folder, so a
 * second upload never replaces the file an earlier preview read, and nobody writes into another's.
 */
export async function uploadRegisterFile(
  gridId: string,
  file: LocalFile,
): Promise<FunctionResult<{ fileID: string }>> {
  const target = await callAction('imports', 'uploadTarget', { gridId });
  if (!target.ok) return target;
  return platform.uploadFile(file.path, target.data.cloudPath);
}

/** Reads the uploaded file and answers what importing it would change; writes nothing. */
export function previewImport(gridId: string, fileId: string) {
  return callAction('imports', 'preview', { gridId, fileId });
}

/** Commits the next part of a previewed import; call again while it is not done. */
export function commitImportPart(importId: string) {
  return callAction('imports', 'commit', { importId });
}

/** The caller's previewed or half-committed import under the node, if any. */
export function getPendingImport(gridId: string) {
  return callAction('imports', 'pending', { gridId });
}

/** The node's register in the template's layout (masked unless the caller may reveal). */
export function exportRegister(gridId: string) {
  return callAction('imports', 'export', { gridId });
}

/** Hands a generated spreadsheet to the user: WeChat's viewer, or the browser's download. */
export function openSpreadsheet(url: string, fileName: string) {
  return platform.openSpreadsheet(url, fileName);
}

/** Whether there is anything left to commit: the page keeps calling commit while this holds. */
export function isCommittable(view: ImportView): boolean {
  return view.status === 'ready' || view.status === 'committing';
}

/**
 * `工作表「住户人员」第 12 行「身份证号」：身份证号校验位不正确`, leaving out what the issue lacks: a
 * problem with the whole file (not a workbook, no register sheet) names no sheet, row or column.
 */
export function describeIssue(issue: ImportIssue): string {
  const where = [
    issue.sheet ? `工作表「${issue.sheet}」` : '',
    issue.row > 0 ? `第 ${issue.row} 行` : '',
    issue.column ? `「${issue.column}」` : '',
  ].join('');
  return where ? `${where}：${issue.message}` : issue.message;
}

/** Parts committed as a whole percentage for the progress bar; 0 before anything is known. */
export function progressPercent(view: ImportView): number {
  const { done, total } = view.progress;
  if (total <= 0) return view.status === 'done' ? 100 : 0;
  return Math.min(100, Math.round((100 * done) / total));
}
