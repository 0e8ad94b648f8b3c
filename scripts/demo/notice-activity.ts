import {
  addDays,
  chinaDayStart,
  REACH_REPORT_DAYS,
  REACH_WAYS,
  type NoticeAudience,
  type NoticeStatus,
} from '@gridguard/types';
import type { GridDoc, HouseholdDoc } from '@gridguard/server/domain';
import {
  NEVER_EXPIRES,
  reachId,
  type NoticeDoc,
  type ReachDoc,
} from '@gridguard/server/domain/notices';
import { seededRandom } from './day-activity';

/**
 * 通知公告 around a register, for the 日报's notice figures: a notice on the first root and one
 * nested on an inner node (their households count twice under both), one on another root when
 * there is one, each with households reached by reading, a door visit or a call; and those that
 * must not count, with reach of their own where they could have it: one withdrawn, one published
 * a millisecond before the report's window, one for staff only, a draft. The nested one is
 * published at the window's first instant. Deterministic for a seed, so tests and the bench count
 * the same records by brute force.
 */
export interface NoticeActivity {
  notices: NoticeDoc[];
  reach: ReachDoc[];
}

/** Share of a notice's households reached. */
export const DEFAULT_REACH_SHARE = 0.4;

const AUTHOR = { openid: 'oNoticeAuthor', name: '网格发布员' };
const STAFF = { openid: 'oNoticeStaff', name: '网格员' };

export function noticeActivity(
  grids: readonly GridDoc[],
  households: readonly HouseholdDoc[],
  day: string,
  seed: number,
  reachShare = DEFAULT_REACH_SHARE,
): NoticeActivity {
  const next = seededRandom(seed);
  const roots = grids.filter((g) => g.parentId === null);
  const root = roots[0];
  if (!root) return { notices: [], reach: [] };
  const inner = grids.filter((g) => g.ancestors.includes(root._id) && g.childCount > 0);
  const nested = inner[Math.floor(next() * inner.length)] ?? root;
  const windowStart = chinaDayStart(addDays(day, 1 - REACH_REPORT_DAYS)).getTime();
  const hour = 3_600_000;
  const notice = (
    id: string,
    node: GridDoc,
    publishedAt: number | null,
    audience: NoticeAudience = 'all',
    status: NoticeStatus = publishedAt === null ? 'draft' : 'published',
  ): NoticeDoc => {
    const created = new Date((publishedAt ?? windowStart) - hour);
    return {
      _id: id,
      title: `${node.name}通知${id}`,
      body: '请各户做好防护。',
      images: [],
      attachments: [],
      audio: [],
      audience,
      pinned: false,
      expiresDay: null,
      gridId: node._id,
      gridPath: [...node.ancestors, node._id],
      gridName: node.name,
      status,
      expiresAt: NEVER_EXPIRES,
      author: AUTHOR,
      createdAt: created,
      updatedAt: created,
      publishedAt: publishedAt === null ? null : new Date(publishedAt),
      withdrawn:
        status === 'withdrawn'
          ? { reason: '内容有误', by: AUTHOR, at: new Date((publishedAt ?? windowStart) + hour) }
          : null,
      rev: 1,
    };
  };
  const dayStart = chinaDayStart(day).getTime();
  const notices = [
    notice('nt-root', root, dayStart - 14 * hour),
    notice('nt-nested', nested, windowStart, 'residents'),
    ...(roots[1] ? [notice('nt-other', roots[1], dayStart + 8 * hour)] : []),
    notice('nt-withdrawn', nested, dayStart + 9 * hour, 'all', 'withdrawn'),
    notice('nt-old', root, windowStart - 1),
    notice('nt-staff', root, dayStart + 10 * hour, 'staff'),
    notice('nt-draft', root, null),
  ];

  const reach: ReachDoc[] = [];
  for (const n of notices) {
    if (n.publishedAt === null || n.audience === 'staff') continue;
    let reached = 0;
    for (const h of households) {
      if (!h.gridPath.includes(n.gridId) || next() >= reachShare) continue;
      // In turn, so a notice that reached three households reached them every way.
      const way = REACH_WAYS[reached % REACH_WAYS.length] ?? 'read';
      reached += 1;
      reach.push({
        _id: reachId(n._id, h._id),
        noticeId: n._id,
        householdId: h._id,
        gridId: h.gridId,
        gridPath: h.gridPath,
        way,
        by: way === 'read' ? { openid: `o-${h._id}`, name: '居民' } : STAFF,
        at: new Date(n.publishedAt.getTime() + Math.floor(next() * 6 * hour)),
      });
    }
  }
  return { notices, reach };
}

/** A node's 日报 notice figures counted the obvious way: every record filtered by its path. */
export function bruteForceNotices(
  activity: NoticeActivity,
  households: readonly HouseholdDoc[],
  day: string,
  nodePath: readonly string[],
) {
  const nodeId = nodePath[nodePath.length - 1] ?? '';
  const from = chinaDayStart(addDays(day, 1 - REACH_REPORT_DAYS)).getTime();
  const to = chinaDayStart(addDays(day, 1)).getTime();
  const active = activity.notices.filter((n) => {
    const at = n.publishedAt?.getTime() ?? NaN;
    return n.status === 'published' && n.audience !== 'staff' && at >= from && at < to;
  });
  return {
    noticesActive: active.filter((n) => n.gridPath.includes(nodeId) || nodePath.includes(n.gridId))
      .length,
    noticeHouseholds: active.reduce(
      (sum, n) =>
        sum +
        households.filter((h) => h.gridPath.includes(nodeId) && h.gridPath.includes(n.gridId))
          .length,
      0,
    ),
    noticeReached: activity.reach.filter(
      (r) => r.gridPath.includes(nodeId) && active.some((n) => n._id === r.noticeId),
    ).length,
  };
}
