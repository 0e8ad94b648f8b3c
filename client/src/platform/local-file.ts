import { IMPORT_MAX_BYTES, type FunctionResult } from '@gridguard/types';
import type { LocalFile } from './contract';
import { fail } from './results';

const MB = 1024 * 1024;

/**
 * What both platforms refuse before an upload starts: a file the import could never read, or one
 * over the limit the server and the preview's gateway enforce, which on a weak signal would be
 * sent in full only to be turned away.
 */
export function checkSpreadsheet(file: LocalFile): FunctionResult<LocalFile> {
  // The old binary format is what many offices still save by default; saying so saves a call.
  if (/\.(xls|et)$/i.test(file.name)) {
    return fail('INVALID_INPUT', '这是旧版表格文件，请在 Excel 或 WPS 中另存为 .xlsx 后再上传');
  }
  if (!/\.xlsx$/i.test(file.name)) {
    return fail('INVALID_INPUT', '只能上传 .xlsx 格式的 Excel 文件');
  }
  if (file.size === 0) return fail('INVALID_INPUT', '文件是空的，请重新选择');
  if (file.size > IMPORT_MAX_BYTES) {
    return fail(
      'INVALID_INPUT',
      `文件超过 ${IMPORT_MAX_BYTES / MB} MB 上限，请删去多余的工作表或图片后再上传`,
    );
  }
  return { ok: true, data: file };
}
