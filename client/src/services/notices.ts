import { SUBSCRIBE_TEMPLATES } from '@gridguard/types';
import { platform, type SubscribeDecision } from '../platform';
import { callAction } from './call-action';

export {
  NOTICE_AUDIENCE_LABELS,
  noticePagePath,
  type NoticeAudioView,
  type NoticeRow,
  type NoticeView,
} from '@gridguard/types';

/**
 * 通知公告 as a reader meets it: their feed, the unread mark on home, and one notice in full. The
 * actions that write and manage notices are in notices-manage.ts.
 */

/** The caller's notices, pinned first, then newest; each row says whether they opened it. */
export const listNoticeFeed = (page: number) => callAction('notices', 'feed', { page });

/** How many notices in the caller's feed they have not opened yet. */
export const countUnreadNotices = () => callAction('notices', 'unread', {});

/**
 * One notice in full. The first open by a reader is their receipt (the server keeps one however
 * often it is called), so the unread mark and reach are marked stale after it.
 */
export const openNotice = (noticeId: string) => callAction('notices', 'open', { noticeId });

/**
 * Asks for consent to one reminder about a notice left unread (WeChat's one-time subscription:
 * one consent, one message), so that 提醒未读 can reach this reader. Must start inside the tap.
 */
export async function askForNoticeReminderConsent(): Promise<SubscribeDecision | 'failed'> {
  const id = SUBSCRIBE_TEMPLATES.noticeReminder.id;
  const result = await platform.requestSubscribe([id]);
  if (!result.ok) return 'failed';
  return result.data[id] ?? 'failed';
}
