import type {
  FunctionResult,
  NoticeContent,
  NoticeFileKind,
  ToldWay,
  UnreachedRow,
} from '@gridguard/types';
import { keyedPage } from '../hooks/use-paged-list';
import {
  platform,
  type ChosenNoticeFile,
  type LocalPhoto,
  type LocalRecording,
  type NoticeDocumentKind,
} from '../platform';
import { callAction } from './call-action';

export {
  addDays,
  chinaToday,
  MAX_AUDIO_SECONDS,
  MAX_NOTICE_ATTACHMENTS,
  MAX_NOTICE_AUDIO,
  MAX_NOTICE_DAYS,
  MAX_NOTICE_IMAGES,
  NOTICE_AUDIENCE_LABELS,
  NOTICE_AUDIENCES,
  NOTICE_STATUS_LABELS,
  REACH_WAY_LABELS,
  type ManagedNoticeRow,
  type NoticeAudience,
  type NoticeContent,
  type NoticeRow,
  type NoticeStatus,
  type NoticeView,
  type ReachRow,
  type ReachView,
  type ToldWay,
  type UnreachedRow,
} from '@gridguard/types';
export type { ChosenNoticeFile, LocalPhoto, LocalRecording };
export { submissionKey } from './register';

/**
 * 通知公告 from the staff side: drafts and their files, publishing and withdrawal, and reach by
 * household with who is left to tell. Reading notices is services/notices.ts.
 */

/** A new draft on a node; `key` is chosen once per form, so a retry finds the same draft. */
export const createDraft = (gridId: string, key: string, content: NoticeContent) =>
  callAction('notices', 'createDraft', { gridId, key, content });
/** `rev` is the version the author opened: an edit made meanwhile by someone else is refused. */
export const saveDraft = (noticeId: string, rev: number, content: NoticeContent) =>
  callAction('notices', 'saveDraft', { noticeId, rev, content });
export const uploadTarget = (
  noticeId: string,
  kind: NoticeFileKind,
  extension: ChosenNoticeFile['extension'] | 'jpg' | 'png' | 'webp',
) => callAction('notices', 'uploadTarget', { noticeId, kind, extension });
/** Only call after the user confirmed the audience and node. */
export const publish = (noticeId: string) =>
  callAction('notices', 'publish', { noticeId, confirm: true });
/** Only call after the user confirmed. */
export const withdraw = (noticeId: string, reason: string) =>
  callAction('notices', 'withdraw', { noticeId, reason, confirm: true });
/** A node's notices and (for those who publish there) drafts, newest first. */
export const listManaged = (gridId: string, page: number) =>
  callAction('notices', 'managed', { gridId, page });
export const getNotice = (noticeId: string) => callAction('notices', 'open', { noticeId });
/** Reached households of a node and, a page at a time, of each of its children. */
export const getReach = (noticeId: string, gridId: string, page: number) =>
  callAction('notices', 'reach', { noticeId, gridId, page });
export const listUnreached = (noticeId: string, gridId: string, page: number) =>
  keyedPage(
    callAction('notices', 'unreached', { noticeId, gridId, page }),
    (row: UnreachedRow) => row.householdId,
  );
export const markReached = (noticeId: string, householdId: string, way: ToldWay) =>
  callAction('notices', 'markReached', { noticeId, householdId, way });
/** One batch of reminders to unread residents who consented; `remaining` says press again. */
export const remindUnread = (noticeId: string, gridId: string) =>
  callAction('notices', 'remindUnread', { noticeId, gridId });

/** Picks a picture for a notice; null when the user backed out. */
export const chooseImage = () => platform.choosePhoto();
/** Picks a PDF or an audio file for a notice, checked for kind and size before any upload. */
export const chooseDocument = (kind: NoticeDocumentKind) => platform.chooseNoticeFile(kind);
/** The microphone, or why this device cannot record a clip the server takes. */
export const recorderSupport = () => platform.recorder;

const IMAGE_EXTENSION = /\.(png|webp)$/i;

/**
 * Uploads one file of a notice where the server says (a fresh name in the caller's own folder),
 * resolving with its fileID; the storage's refusal (wrong kind of file, too large) comes back in
 * Chinese as the failure's message.
 */
export async function uploadNoticeFile(
  noticeId: string,
  file:
    | { kind: 'image'; photo: LocalPhoto }
    | { kind: 'attachment' | 'audio'; path: string; extension: ChosenNoticeFile['extension'] },
): Promise<FunctionResult<string>> {
  const path = file.kind === 'image' ? file.photo.path : file.path;
  // A picture's temp path may have no extension (a blob URL): the storage sniffs the bytes anyway.
  const extension =
    file.kind === 'image'
      ? ((IMAGE_EXTENSION.exec(path)?.[1]?.toLowerCase() as 'png' | 'webp' | undefined) ?? 'jpg')
      : file.extension;
  const target = await uploadTarget(noticeId, file.kind, extension);
  if (!target.ok) return target;
  const uploaded = await platform.uploadFile(path, target.data.cloudPath);
  return uploaded.ok ? { ok: true, data: uploaded.data.fileID } : uploaded;
}

/** What an `<Image>` loads for a stored picture. */
export const fileSrc = (fileID: string) => platform.photoSrc(fileID);
