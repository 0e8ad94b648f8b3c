/**
 * What the client has read, named coarsely by what the user sees: a write marks the topics it
 * changed (the table in write-effects.ts, applied by callAction), and every view that shows one
 * of them reads again — at once when its page is in front, else when its page is shown again.
 */
export const TOPICS = [
  /** Who the caller is: registered or not, roles, their node (whoami). */
  'identity',
  /** The caller's own household and family. */
  'household',
  /** Requests to join a household: one's own, and those waiting on the caller. */
  'joinRequests',
  /** Nodes, their counts, teams, invites, the households and people registered on them. */
  'grid',
  /** Returns, observations, alerts, daily health reports, reminders. */
  'health',
  /** Errands in every list, a volunteer's record. */
  'errands',
  /** The 跑腿设置 in force. */
  'errandSettings',
  /** 户联系 and 关爱协管员 assignments. */
  'contacts',
  /** 初始化, level names, classification rules, 指挥部 members. */
  'setup',
  /** The daily reports (日报) computed for nodes. */
  'daily',
  /** Daily reports still to be read on home (opening one marks it read). */
  'unreadReports',
  /** Imports of a register waiting to be committed. */
  'imports',
  /** 出租屋 and 企业, their landlords and tenants. */
  'targets',
  /** 洗楼/排查 campaigns, assignments, visits, findings and coverage. */
  'campaigns',
  /** 卡口: sites, shifts and their crews, the gate's log. */
  'checkpoints',
  /** 通知公告: drafts, the feed and its unread mark, reach. */
  'notices',
] as const;

export type Topic = (typeof TOPICS)[number];

/** Bumped by every invalidation: a read remembers the value it started at. */
let sequence = 0;
const stamps = new Map<Topic, number>();
const listeners = new Set<(changed: readonly Topic[]) => void>();

export function invalidate(topics: readonly Topic[]): void {
  if (topics.length === 0) return;
  sequence += 1;
  for (const topic of topics) stamps.set(topic, sequence);
  for (const listener of [...listeners]) listener(topics);
}

/** Where the history of writes stands now; a read about to start notes it. */
export function currentSequence(): number {
  return sequence;
}

/** Whether any of `topics` changed after a read that started at `seen`. */
export function changedSince(topics: readonly Topic[], seen: number): boolean {
  return topics.some((topic) => (stamps.get(topic) ?? 0) > seen);
}

/** Calls `listener` with the topics of every invalidation; returns the unsubscribe. */
export function onInvalidate(listener: (changed: readonly Topic[]) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
