import { IMPORT_MAX_BYTES, NOTICE_FILE_MAX_BYTES, type FunctionResult } from '@gridguard/types';
import type { ChosenNoticeFile, LocalFile, NoticeDocumentKind } from './contract';
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

const NOTICE_DOCUMENTS: Record<
  NoticeDocumentKind,
  { extensions: readonly ChosenNoticeFile['extension'][]; refusal: string }
> = {
  attachment: { extensions: ['pdf'], refusal: '附件只能是 PDF 文件（.pdf）' },
  audio: { extensions: ['mp3', 'aac', 'm4a'], refusal: '音频只能是 MP3、AAC 或 M4A 文件' },
};

/** The extensions a picker offers for a notice's document, without dots. */
export const noticeDocumentExtensions = (kind: NoticeDocumentKind) =>
  NOTICE_DOCUMENTS[kind].extensions;

/**
 * What both platforms refuse before a notice's document is uploaded: another kind of file, an
 * empty one, or one over the limit the gateway would turn away after the whole file was sent.
 */
export function checkNoticeFile(
  kind: NoticeDocumentKind,
  file: LocalFile,
): FunctionResult<ChosenNoticeFile['extension']> {
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const allowed = NOTICE_DOCUMENTS[kind].extensions.find((e) => e === extension);
  if (!allowed) return fail('INVALID_INPUT', NOTICE_DOCUMENTS[kind].refusal);
  if (file.size === 0) return fail('INVALID_INPUT', '文件是空的，请重新选择');
  if (file.size > NOTICE_FILE_MAX_BYTES) {
    return fail('INVALID_INPUT', `文件超过 ${NOTICE_FILE_MAX_BYTES / MB} MB 上限`);
  }
  return { ok: true, data: allowed };
}

/** A clip's length as the notice stores it: whole seconds, at least one. */
export const wholeSeconds = (seconds: number) => Math.max(1, Math.round(seconds));
