import { createHash } from 'node:crypto';
import {
  chinaDayStart,
  addDays,
  NOTICE_FILE_EXTENSIONS,
  NOTICE_UPLOAD_ROOT,
  type NoticeAudience,
  type NoticeContent,
  type NoticeFileKind,
  type NoticeRow,
  type NoticeStatus,
  type NoticeView,
  type ReachFigures,
  type ReachWay,
} from '@gridguard/types';
import { cloudPathOf } from './photos';

/**
 * 通知公告 in plain TypeScript: the stored shapes, who a notice is for, where its files live, and
 * reach arithmetic. The runtime reads and writes; this decides.
 */

export interface NoticePerson {
  openid: string;
  name: string;
}

export interface NoticeDoc extends NoticeContent {
  /** `n-` + a digest of the author and the form's key: a retried create finds the same draft. */
  _id: string;
  gridId: string;
  gridPath: string[];
  gridName: string;
  status: NoticeStatus;
  /** The end of `expiresDay` (China time), or the far future: the feed compares one field. */
  expiresAt: Date;
  author: NoticePerson;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  withdrawn: { reason: string; by: NoticePerson; at: Date } | null;
  /** Bumped by every edit: an edit is written only over the version the author saw. */
  rev: number;
}

/** One reader's first open: `_id` = `${noticeId}:${openid}`. */
export interface ReceiptDoc {
  _id: string;
  noticeId: string;
  openid: string;
  personId: string | null;
  at: Date;
}

/** A household reached by a notice, the first way it was: `_id` = `${noticeId}:${householdId}`. */
export interface ReachDoc {
  _id: string;
  noticeId: string;
  householdId: string;
  gridId: string;
  gridPath: string[];
  way: ReachWay;
  by: NoticePerson;
  at: Date;
}

/** A resident reminded of a notice: `_id` = `${noticeId}:${openid}`, so never twice. */
export interface NoticeReminderDoc {
  _id: string;
  noticeId: string;
  openid: string;
  personId: string;
  gridPath: string[];
  by: string;
  at: Date;
}

/** Shown until withdrawn: later than any day a notice could expire. */
export const NEVER_EXPIRES = new Date(Date.UTC(9999, 0, 1));

export function noticeIdFor(openid: string, key: string): string {
  return `n-${createHash('sha256').update(`notice:${openid}:${key}`).digest('hex').slice(0, 20)}`;
}
export const receiptId = (noticeId: string, openid: string) => `${noticeId}:${openid}`;
export const reminderId = (noticeId: string, openid: string) => `${noticeId}:${openid}`;
export const reachId = (noticeId: string, householdId: string) => `${noticeId}:${householdId}`;

/** The instant a notice stops showing: the end of its last China day. */
export function expiresAtOf(expiresDay: string | null): Date {
  return expiresDay === null ? NEVER_EXPIRES : chinaDayStart(addDays(expiresDay, 1));
}

/** The audiences a reader belongs to, as the feed filters by them. */
export function audiencesOf(resident: boolean, staff: boolean): NoticeAudience[] {
  return [
    ...(resident || staff ? (['all'] as const) : []),
    ...(resident ? (['residents'] as const) : []),
    ...(staff ? (['staff'] as const) : []),
  ];
}

/** Showing now to the readers it was published for. */
export function isLive(notice: NoticeDoc, now: Date): boolean {
  return notice.status === 'published' && notice.expiresAt.getTime() > now.getTime();
}

// ---- files ----------------------------------------------------------------------------------------

const fileStem = (noticeId: string, kind: NoticeFileKind) =>
  `${createHash('sha256').update(noticeId).digest('hex').slice(0, 16)}-${kind}`;

/** A fresh name in the uploader's own folder for a file of this notice. */
export function noticeFilePath(
  openid: string,
  noticeId: string,
  kind: NoticeFileKind,
  extension: string,
  nonce: string,
): string {
  return `${NOTICE_UPLOAD_ROOT}/${openid}/${fileStem(noticeId, kind)}-${nonce}.${extension}`;
}

/** True when the file is one the server named for this uploader, notice and kind. */
export function isOwnNoticeFile(
  fileId: string,
  openid: string,
  noticeId: string,
  kind: NoticeFileKind,
): boolean {
  const path = cloudPathOf(fileId);
  const prefix = `${NOTICE_UPLOAD_ROOT}/${openid}/${fileStem(noticeId, kind)}-`;
  if (path === null || !path.startsWith(prefix)) return false;
  const match = /^[a-z0-9]+\.([a-z0-9]+)$/.exec(path.slice(prefix.length));
  return (
    match !== null && (NOTICE_FILE_EXTENSIONS[kind] as readonly string[]).includes(match[1] ?? '')
  );
}

/**
 * The files of an edit the author may use: those the notice already has (whoever uploaded them),
 * and fresh uploads of the editor's own for this notice. Returns the first that is neither.
 */
export function foreignFile(
  content: NoticeContent,
  before: NoticeContent | null,
  openid: string,
  noticeId: string,
): string | null {
  const had = new Set(
    before
      ? [
          ...before.images,
          ...before.attachments.map((a) => a.fileId),
          ...before.audio.map((a) => a.fileId),
        ]
      : [],
  );
  const files: [string, NoticeFileKind][] = [
    ...content.images.map((f): [string, NoticeFileKind] => [f, 'image']),
    ...content.attachments.map((a): [string, NoticeFileKind] => [a.fileId, 'attachment']),
    ...content.audio.map((a): [string, NoticeFileKind] => [a.fileId, 'audio']),
  ];
  const bad = files.find(
    ([file, kind]) => !had.has(file) && !isOwnNoticeFile(file, openid, noticeId, kind),
  );
  return bad ? bad[0] : null;
}

// ---- reach ----------------------------------------------------------------------------------------

export const EMPTY_REACH: ReachFigures = { reached: 0, households: 0, read: 0, told: 0 };

/**
 * Reach of each child of `nodeId` from per-leaf counts (keyed by the leaf's path): a leaf's
 * counts go to the child on its path below the node, and to the node itself.
 */
export function reachByChild(
  nodeId: string,
  perLeaf: readonly { path: readonly string[]; read: number; told: number }[],
): { node: { read: number; told: number }; children: Map<string, { read: number; told: number }> } {
  const node = { read: 0, told: 0 };
  const children = new Map<string, { read: number; told: number }>();
  for (const leaf of perLeaf) {
    const at = leaf.path.indexOf(nodeId);
    if (at < 0) continue;
    node.read += leaf.read;
    node.told += leaf.told;
    const child = leaf.path[at + 1];
    if (child === undefined) continue;
    const sum = children.get(child) ?? { read: 0, told: 0 };
    sum.read += leaf.read;
    sum.told += leaf.told;
    children.set(child, sum);
  }
  return { node, children };
}

export const figuresOf = (
  counts: { read: number; told: number } | undefined,
  households: number,
): ReachFigures => {
  const read = counts?.read ?? 0;
  const told = counts?.told ?? 0;
  return { reached: read + told, households, read, told };
};

/** A notice whose reach is counted: published, for households. */
export const reachCounted = (n: Pick<NoticeDoc, 'status' | 'audience'>): boolean =>
  n.status === 'published' && n.audience !== 'staff';

/** Reach counts by notice from rows grouped by notice and way. */
export function reachByNotice(
  rows: readonly { _id: { noticeId: string; way: string }; n: number }[],
): Map<string, { read: number; told: number }> {
  const out = new Map<string, { read: number; told: number }>();
  for (const row of rows) {
    const sums = out.get(row._id.noticeId) ?? { read: 0, told: 0 };
    if (row._id.way === 'read') sums.read += row.n;
    else sums.told += row.n;
    out.set(row._id.noticeId, sums);
  }
  return out;
}

// ---- views ----------------------------------------------------------------------------------------

export function toNoticeRow(n: NoticeDoc, read: boolean | null): NoticeRow {
  return {
    id: n._id,
    title: n.title,
    gridId: n.gridId,
    gridName: n.gridName,
    audience: n.audience,
    pinned: n.pinned,
    status: n.status,
    publishedAt: n.publishedAt ? n.publishedAt.toISOString() : null,
    expiresDay: n.expiresDay,
    audioLabels: n.audio.map((a) => a.label),
    author: n.author.name,
    read,
  };
}

export function toNoticeView(
  n: NoticeDoc,
  read: boolean | null,
  may: NoticeView['may'],
): NoticeView {
  return {
    ...toNoticeRow(n, read),
    body: n.body,
    images: n.images,
    attachments: n.attachments,
    audio: n.audio,
    rev: n.rev,
    withdrawn: n.withdrawn && {
      reason: n.withdrawn.reason,
      by: n.withdrawn.by.name,
      at: n.withdrawn.at.toISOString(),
    },
    may,
  };
}
