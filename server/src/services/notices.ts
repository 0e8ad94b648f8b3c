import {
  chinaTime,
  NOTICE_FILE_EXTENSIONS,
  noticePagePath,
  PAGE_SIZE,
  REMIND_BATCH,
  type NoticeContent,
  type NoticeView,
} from '@gridguard/types';
import { newCode } from '../domain/codes';
import { AppError } from '../domain/errors';
import {
  audiencesOf,
  expiresAtOf,
  figuresOf,
  foreignFile,
  isLive,
  noticeFilePath,
  noticeIdFor,
  reachByChild,
  reachByNotice,
  reachCounted,
  reachId,
  reminderId,
  receiptId,
  toNoticeRow,
  toNoticeView,
  type NoticeDoc,
  type NoticePerson,
} from '../domain/notices';
import { may, type Actor, type Permission } from '../domain/policy';
import { pathOf } from '../domain/tree';
import type { GridData } from '../runtime/data';
import type { NoticeData } from '../runtime/notice-data';
import type { ActionHandlers } from '../runtime/router';
import {
  authoriseAnywhere,
  gridInScope,
  inScope,
  secureRandom,
  short,
  type Notify,
} from './common';

const MISSING = '该通知不存在';
const CHANGED = '通知已被他人修改，请刷新后重试';

const personOf = (actor: Actor): NoticePerson => ({
  openid: actor.openid,
  name: actor.name || actor.memberships.find((m) => m.name)?.name || '网格员',
});

/**
 * 通知公告: leaders (the command centre: the whole town) write, publish and withdraw notices for
 * their subtree; residents and staff read those of their nodes and above; each reader's first open
 * is their receipt and reaches their household; staff mark households told in person or by phone
 * and see, per node, who has not been reached. Each action authorises before it reads.
 */
export function noticeActions(
  grids: GridData,
  data: NoticeData,
  notify: Notify,
): ActionHandlers<'notices'> {
  /** A notice the caller may manage (write, publish, withdraw): refused like a missing one. */
  const managedNotice = async (actor: Actor, noticeId: string) => {
    authoriseAnywhere(actor, 'notice.publish');
    return inScope(
      actor,
      await data.notice(noticeId),
      (n) => may(actor, 'notice.publish', { gridPath: n.gridPath }),
      MISSING,
    );
  };

  /** The nodes whose notices the caller reads: their household's path, their own nodes' paths. */
  const readerNodes = async (actor: Actor) => {
    const confirmed = actor.memberships.filter((m) => m.pending !== true).map((m) => m.gridId);
    const [household, nodes] = await Promise.all([
      actor.householdId ? grids.household(actor.householdId) : Promise.resolve(null),
      confirmed.length > 0 ? grids.grids(confirmed) : Promise.resolve([]),
    ]);
    const residentPath = household?.gridPath ?? [];
    const staffPath = nodes.flatMap((g) => pathOf(g));
    return {
      household,
      gridIds: [...new Set([...residentPath, ...staffPath])],
      residentPath,
      staffPath,
      audiences: audiencesOf(residentPath.length > 0, staffPath.length > 0 || actor.command),
    };
  };

  /** The notice is for this reader now: published, live, on their nodes, for their audience. */
  const readsAsAudience = (notice: NoticeDoc, reader: Awaited<ReturnType<typeof readerNodes>>) =>
    isLive(notice, new Date()) &&
    ((notice.audience !== 'staff' && reader.residentPath.includes(notice.gridId)) ||
      (notice.audience !== 'residents' && reader.staffPath.includes(notice.gridId)));

  const mayOf = (actor: Actor, notice: NoticeDoc): NoticeView['may'] => {
    const manages = may(actor, 'notice.publish', { gridPath: notice.gridPath });
    return {
      edit: manages && notice.status === 'draft',
      publish: manages && notice.status === 'draft',
      withdraw: manages && notice.status === 'published',
      reach:
        notice.status !== 'draft' &&
        notice.audience !== 'staff' &&
        (may(actor, 'notice.reach', { gridPath: notice.gridPath }) ||
          actor.memberships.some((m) => m.pending !== true)),
    };
  };

  const viewOf = (actor: Actor, notice: NoticeDoc, read: boolean | null) =>
    toNoticeView(notice, read, mayOf(actor, notice));

  const refuseForeignFiles = (
    content: NoticeContent,
    before: NoticeContent | null,
    actor: Actor,
    noticeId: string,
  ) => {
    if (foreignFile(content, before, actor.openid, noticeId) !== null) {
      throw new AppError('INVALID_INPUT', '请使用刚才为本通知上传的文件');
    }
  };

  /**
   * The node of a reach question and the notice asked about: the caller reads the node, the
   * notice is published on it or above, and is for households.
   */
  const reachScope = async (
    actor: Actor,
    noticeId: string,
    gridId: string,
    permission: Permission = 'grid.read',
  ) => {
    const node = await gridInScope(grids, actor, permission, gridId);
    const path = pathOf(node);
    // Only a notice published on the node or above it is asked about here; any other answers
    // like one that does not exist.
    const notice = inScope(
      actor,
      await data.notice(noticeId),
      (n) => n.status !== 'draft' && path.includes(n.gridId),
      MISSING,
    );
    if (notice.audience === 'staff') {
      throw new AppError('INVALID_INPUT', '这条通知只发给工作人员，不统计住户');
    }
    return { node, notice };
  };

  return {
    async createDraft({ gridId, key, content }, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(grids, actor, 'notice.publish', gridId);
      const id = noticeIdFor(actor.openid, key);
      const existing = await data.notice(id);
      if (existing) return viewOf(actor, existing, null);
      // Files are uploaded for a notice that exists: a new draft has none yet.
      refuseForeignFiles(content, null, actor, id);
      const now = new Date();
      const doc: NoticeDoc = {
        _id: id,
        ...content,
        gridId: grid._id,
        gridPath: pathOf(grid),
        gridName: grid.name,
        status: 'draft',
        expiresAt: expiresAtOf(content.expiresDay),
        author: personOf(actor),
        createdAt: now,
        updatedAt: now,
        publishedAt: null,
        withdrawn: null,
        rev: 0,
      };
      if (!(await data.addNotice(doc))) {
        const stored = await data.notice(id);
        if (!stored) throw new AppError('CONFLICT', CHANGED);
        return viewOf(actor, stored, null);
      }
      await grids.record({
        actor: actor.openid,
        action: 'notice.create',
        gridId: grid._id,
        gridPath: doc.gridPath,
        target: id,
        detail: { title: content.title },
      });
      return viewOf(actor, doc, null);
    },

    async saveDraft({ noticeId, rev, content }, ctx) {
      const actor = await ctx.actor();
      const notice = await managedNotice(actor, noticeId);
      if (notice.status !== 'draft') {
        throw new AppError('CONFLICT', '通知已发布，不能再修改；如需更正，请撤回后重新发布');
      }
      if (notice.rev !== rev) throw new AppError('CONFLICT', CHANGED);
      refuseForeignFiles(content, notice, actor, noticeId);
      const changes = { ...content, expiresAt: expiresAtOf(content.expiresDay) };
      if (!(await data.updateNotice(noticeId, rev, changes))) {
        throw new AppError('CONFLICT', CHANGED);
      }
      return viewOf(actor, { ...notice, ...changes, rev: rev + 1 }, null);
    },

    async uploadTarget({ noticeId, kind, extension }, ctx) {
      const actor = await ctx.actor();
      const notice = await managedNotice(actor, noticeId);
      if (notice.status !== 'draft') throw new AppError('CONFLICT', '只能为草稿上传文件');
      if (!NOTICE_FILE_EXTENSIONS[kind].includes(extension)) {
        throw new AppError(
          'INVALID_INPUT',
          `文件格式应为 ${NOTICE_FILE_EXTENSIONS[kind].join('、')}`,
        );
      }
      const nonce = newCode(12, secureRandom).toLowerCase();
      return { cloudPath: noticeFilePath(actor.openid, noticeId, kind, extension, nonce) };
    },

    async publish({ noticeId }, ctx) {
      const actor = await ctx.actor();
      const notice = await managedNotice(actor, noticeId);
      // A retry of a publish that went through answers with the notice as it is.
      if (notice.status === 'published') return viewOf(actor, notice, null);
      if (notice.status === 'withdrawn') throw new AppError('CONFLICT', '通知已撤回');
      if (notice.expiresAt.getTime() <= Date.now()) {
        throw new AppError('CONFLICT', '有效期已过，请修改有效期后再发布');
      }
      const publishedAt = new Date();
      if (!(await data.updateNotice(noticeId, notice.rev, { status: 'published', publishedAt }))) {
        const now = await data.notice(noticeId);
        if (now?.status === 'published') return viewOf(actor, now, null);
        throw new AppError('CONFLICT', CHANGED);
      }
      await grids.record({
        actor: actor.openid,
        action: 'notice.publish',
        gridId: notice.gridId,
        gridPath: notice.gridPath,
        target: noticeId,
        detail: { title: notice.title, audience: notice.audience },
      });
      return viewOf(
        actor,
        { ...notice, status: 'published', publishedAt, rev: notice.rev + 1 },
        null,
      );
    },

    async withdraw({ noticeId, reason }, ctx) {
      const actor = await ctx.actor();
      const notice = await managedNotice(actor, noticeId);
      if (notice.status === 'withdrawn') return viewOf(actor, notice, null);
      if (notice.status === 'draft') throw new AppError('CONFLICT', '草稿尚未发布，无需撤回');
      const withdrawn = { reason, by: personOf(actor), at: new Date() };
      if (!(await data.updateNotice(noticeId, notice.rev, { status: 'withdrawn', withdrawn }))) {
        const now = await data.notice(noticeId);
        if (now?.status === 'withdrawn') return viewOf(actor, now, null);
        throw new AppError('CONFLICT', CHANGED);
      }
      await grids.record({
        actor: actor.openid,
        action: 'notice.withdraw',
        gridId: notice.gridId,
        gridPath: notice.gridPath,
        target: noticeId,
        detail: { reason },
      });
      return viewOf(
        actor,
        { ...notice, status: 'withdrawn', withdrawn, rev: notice.rev + 1 },
        null,
      );
    },

    async managed({ gridId, page }, ctx) {
      const actor = await ctx.actor();
      const node = await gridInScope(grids, actor, 'grid.read', gridId);
      const drafts = may(actor, 'notice.publish', { gridPath: pathOf(node) });
      const path = pathOf(node);
      const { items, total } = await data.managed(node._id, path, drafts, page);
      // Each row's reach on this node, or on its own node when published below it: one aggregate
      // and one read of those nodes for the page, not a reach call per row.
      const counted = items.filter(reachCounted);
      const below = [...new Set(counted.map((n) => n.gridId).filter((id) => !path.includes(id)))];
      const [rows, belowNodes] = await Promise.all([
        data.reachOfEach(
          counted.map((n) => n._id),
          node._id,
        ),
        below.length > 0 ? grids.grids(below) : [],
      ]);
      const reached = reachByNotice(rows);
      const households = new Map(belowNodes.map((g) => [g._id, g.counts.households]));
      return {
        items: items.map((n) => ({
          ...toNoticeRow(n, null),
          reach: reachCounted(n)
            ? figuresOf(
                reached.get(n._id),
                path.includes(n.gridId) ? node.counts.households : (households.get(n.gridId) ?? 0),
              )
            : null,
        })),
        total,
        page,
        pageSize: PAGE_SIZE,
      };
    },

    async feed({ page }, ctx) {
      const actor = await ctx.actor();
      const reader = await readerNodes(actor);
      if (reader.gridIds.length === 0) return { items: [], total: 0, page, pageSize: PAGE_SIZE };
      const { items, total } = await data.feed(reader.gridIds, reader.audiences, new Date(), page);
      const read = new Set(await data.receiptsIn(items.map((n) => receiptId(n._id, actor.openid))));
      return {
        items: items.map((n) => toNoticeRow(n, read.has(receiptId(n._id, actor.openid)))),
        total,
        page,
        pageSize: PAGE_SIZE,
      };
    },

    async unread(_input, ctx) {
      const actor = await ctx.actor();
      const reader = await readerNodes(actor);
      if (reader.gridIds.length === 0) return { count: 0 };
      const ids = await data.feedIds(reader.gridIds, reader.audiences, new Date());
      const read = await data.receiptsIn(ids.map((id) => receiptId(id, actor.openid)));
      return { count: ids.length - read.length };
    },

    async open({ noticeId }, ctx) {
      const actor = await ctx.actor();
      const [reader, notice] = await Promise.all([readerNodes(actor), data.notice(noticeId)]);
      const asReader = notice !== null && readsAsAudience(notice, reader);
      const asManager =
        notice !== null &&
        (may(actor, 'notice.publish', { gridPath: notice.gridPath }) ||
          (notice.status !== 'draft' && may(actor, 'grid.read', { gridPath: notice.gridPath })));
      const shown = inScope(actor, notice, () => asReader || asManager, MISSING);
      if (!asReader) return viewOf(actor, shown, null);
      const at = new Date();
      await data.addReceipt({
        _id: receiptId(shown._id, actor.openid),
        noticeId: shown._id,
        openid: actor.openid,
        personId: null,
        at,
      });
      const household = reader.household;
      if (household && shown.audience !== 'staff' && household.gridPath.includes(shown.gridId)) {
        // The household is reached by its first reader; a later one changes nothing.
        await data.addReach({
          _id: reachId(shown._id, household._id),
          noticeId: shown._id,
          householdId: household._id,
          gridId: household.gridId,
          gridPath: household.gridPath,
          way: 'read',
          by: personOf(actor),
          at,
        });
      }
      return viewOf(actor, shown, true);
    },

    async reach({ noticeId, gridId, page }, ctx) {
      const actor = await ctx.actor();
      const { node, notice } = await reachScope(actor, noticeId, gridId);
      const [perLeaf, children] = await Promise.all([
        data.reachPerLeaf(noticeId, node._id),
        grids.children(node._id, page),
      ]);
      const sums = reachByChild(node._id, perLeaf);
      return {
        noticeId,
        title: notice.title,
        node: {
          gridId: node._id,
          name: node.name,
          leaf: node.childCount === 0,
          ...figuresOf(sums.node, node.counts.households),
        },
        children: {
          items: children.items.map((c) => ({
            gridId: c._id,
            name: c.name,
            leaf: c.childCount === 0,
            ...figuresOf(sums.children.get(c._id), c.counts.households),
          })),
          total: children.total,
          page,
          pageSize: PAGE_SIZE,
        },
      };
    },

    async unreached({ noticeId, gridId, page }, ctx) {
      const actor = await ctx.actor();
      const { node } = await reachScope(actor, noticeId, gridId);
      const { items, total } = await data.unreached(noticeId, node._id, page);
      const people = await data.peopleOf(items.map((h) => h._id));
      return {
        items: items.map((h) => ({
          householdId: h._id,
          address: h.address,
          people: people
            .filter((p) => p.householdId === h._id)
            // The one to call first: someone with a phone on record.
            .sort((a, b) => Number(b.phoneMasked !== null) - Number(a.phoneMasked !== null))
            .map((p) => ({ personId: p._id, name: p.name, phoneMasked: p.phoneMasked })),
        })),
        total,
        page,
        pageSize: PAGE_SIZE,
      };
    },

    async remindUnread({ noticeId, gridId }, ctx) {
      const actor = await ctx.actor();
      const { node, notice } = await reachScope(actor, noticeId, gridId, 'notice.reach');
      if (!isLive(notice, new Date())) throw new AppError('CONFLICT', '通知已撤回或已过期');
      const batch = await data.unremindedReaders(noticeId, node._id, REMIND_BATCH + 1);
      let sent = 0;
      let noCredit = 0;
      for (const person of batch.slice(0, REMIND_BATCH)) {
        const openid = person.openid ?? '';
        // The slot first: two presses at once send one message.
        const claimed = await data.claimReminder({
          _id: reminderId(noticeId, openid),
          noticeId,
          openid,
          personId: person._id,
          gridPath: person.gridPath,
          by: actor.openid,
          at: new Date(),
        });
        if (!claimed) continue;
        const outcome = await notify({
          touser: openid,
          template: 'noticeReminder',
          page: noticePagePath(noticeId),
          data: {
            thing1: short(notice.title, 20),
            thing2: short(`${notice.gridName}发布，请及时查看`, 20),
            time3: chinaTime(notice.publishedAt ?? new Date()),
          },
        });
        if (outcome === 'sent') sent += 1;
        else noCredit += 1;
      }
      return { sent, noCredit, remaining: batch.length > REMIND_BATCH };
    },

    async markReached({ noticeId, householdId, way }, ctx) {
      const actor = await ctx.actor();
      authoriseAnywhere(actor, 'notice.reach');
      const household = inScope(
        actor,
        await grids.household(householdId),
        (h) => may(actor, 'notice.reach', { gridPath: h.gridPath }),
        '该住户不存在',
      );
      const notice = inScope(
        actor,
        await data.notice(noticeId),
        (n) => n.status === 'published' && household.gridPath.includes(n.gridId),
        MISSING,
      );
      if (notice.audience === 'staff') {
        throw new AppError('INVALID_INPUT', '这条通知只发给工作人员，不统计住户');
      }
      const id = reachId(noticeId, household._id);
      const added = await data.addReach({
        _id: id,
        noticeId,
        householdId: household._id,
        gridId: household.gridId,
        gridPath: household.gridPath,
        way,
        by: personOf(actor),
        at: new Date(),
      });
      if (!added) {
        const first = await data.reachOf(id);
        return { householdId: household._id, way: first?.way ?? way, already: true };
      }
      await grids.record({
        actor: actor.openid,
        action: 'notice.reach',
        gridId: household.gridId,
        gridPath: household.gridPath,
        target: id,
        detail: { way },
      });
      return { householdId: household._id, way, already: false };
    },
  };
}
