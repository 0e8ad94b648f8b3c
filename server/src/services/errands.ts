import { chinaTime, PAGE_SIZE, type ErrandPhotoKind, type ErrandView } from '@gridguard/types';
import { newCode } from '../domain/codes';
import {
  ACTIVE_CLAIM,
  errandSettingsOf,
  errandSettingsView,
  fromStatuses,
  nextErrandStatus,
  type ErrandAction,
} from '../domain/errands';
import { AppError } from '../domain/errors';
import { settlesOwnErrand, type Actor, type Target } from '../domain/policy';
import type { ErrandDoc } from '../domain/records';
import type { GridData } from '../runtime/data';
import type { ErrandData } from '../runtime/errand-data';
import type { ActionContext, ActionHandlers } from '../runtime/router';
import {
  authoriseAnywhere,
  findInScope,
  gridInScope,
  inScope,
  personFor,
  secureRandom,
  type Notify,
} from './common';
import { requireOwnPhoto } from './errand-photos';

export function toErrandView(e: ErrandDoc): ErrandView {
  return {
    id: e._id,
    status: e.status,
    items: e.items,
    budget: e.budget,
    urgency: e.urgency,
    deliveryNote: e.deliveryNote,
    contactless: e.contactless,
    gridName: e.gridName,
    requesterName: e.requesterName,
    claimer: e.claimer && { name: e.claimer.name, party: e.claimer.party },
    amountSpent: e.amountSpent,
    receiptFileId: e.receiptFileId,
    deliveryFileId: e.deliveryFileId,
    cancelReason:
      e.status === 'cancelled'
        ? ([...e.history].reverse().find((h) => h.action === 'cancel')?.reason ?? null)
        : null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

const pageOf = (items: ErrandDoc[], page: number, total: number) => ({
  items: items.map(toErrandView),
  page,
  pageSize: PAGE_SIZE,
  total,
});

/** An errand's audit entry (`errand.<action>`), filed under the errand's node. */
export function auditErrand(
  grids: GridData,
  errand: Pick<ErrandDoc, '_id' | 'gridId' | 'gridPath'>,
  actor: string,
  action: string,
  detail?: Record<string, unknown>,
) {
  return grids.record({
    actor,
    action: `errand.${action}`,
    gridId: errand.gridId,
    gridPath: errand.gridPath,
    target: errand._id,
    ...(detail && { detail }),
  });
}

/** Where an errand sits for the access rules, with the people on both sides of it. */
const settleTarget = (e: ErrandDoc): Target => ({
  gridPath: e.gridPath,
  householdId: e.householdId,
  personOpenid: e.personOpenid ?? null,
  requesterOpenid: e.requesterOpenid,
  claimerOpenid: e.claimer?.openid ?? null,
});

/** 跑腿代购: request, the pool, 抢单 (exactly one winner), the steps, and the contact while claimed. */
export function errandActions(
  grids: GridData,
  errands: ErrandData,
  notify: Notify,
): Omit<ActionHandlers<'errands'>, 'photoTarget'> {
  /** The limits in force: one read of settings/errands, defaults where nothing is set. */
  const limits = async () => errandSettingsOf(await errands.settings());

  const MISSING = '该跑腿单不存在';
  const NOT_CLAIMER = '只有认领该跑腿单的志愿者可以操作';

  /**
   * The errand the caller holds as its claimer. Only volunteers can be claimers, so anyone else is
   * refused before the read; a missing errand is refused like someone else's.
   */
  const claimedByCaller = async (actor: Actor, id: string, refusal: string) => {
    authoriseAnywhere(actor, 'errands.serve', refusal);
    return inScope(
      actor,
      await errands.get(id),
      (e) => e.claimer?.openid === actor.openid,
      MISSING,
      refusal,
    );
  };

  /**
   * The errand the caller may confirm or cancel, and whether they do it for the household (their
   * own side) or as a leader on its behalf, which needs a reason and is audited with it.
   */
  const settleable = async (actor: Actor, id: string, reason: string | undefined) => {
    const errand = await findInScope(
      actor,
      'errand.settle',
      () => errands.get(id),
      settleTarget,
      MISSING,
    );
    const onBehalf = !settlesOwnErrand(actor, settleTarget(errand));
    if (onBehalf && !reason) throw new AppError('INVALID_INPUT', '代为操作请填写原因');
    return { errand, onBehalf };
  };

  /** One step by the claimer: checked against the state machine, then applied only if unchanged. */
  const step = async (
    id: string,
    action: ErrandAction,
    ctx: ActionContext,
    change: Record<string, unknown>,
    reason?: string,
    /** The step's proof photo, which must be one the server named for this claimer. */
    photo?: { kind: ErrandPhotoKind; fileId: string },
  ) => {
    const errand = await claimedByCaller(await ctx.actor(), id, NOT_CLAIMER);
    if (photo) requireOwnPhoto(errand, ctx.caller.openid, photo.kind, photo.fileId);
    const status = nextErrandStatus(errand.status, action);
    const at = new Date();
    const entry = { at, action, by: ctx.caller.openid, ...(reason && { reason }) };
    if (
      !(await errands.advance(
        id,
        fromStatuses(action),
        ctx.caller.openid,
        { status, ...change },
        entry,
      ))
    ) {
      throw new AppError('CONFLICT', '跑腿单状态已变化，请刷新后重试');
    }
    await auditErrand(grids, errand, ctx.caller.openid, action, reason ? { reason } : undefined);
    return {
      ...errand,
      ...change,
      status,
      updatedAt: at,
      history: [...errand.history, entry],
    } as ErrandDoc;
  };

  const tellRequester = (errand: ErrandDoc, phrase: string) =>
    notify({
      touser: errand.requesterOpenid,
      template: 'errandUpdate',
      page: 'pages/home/index',
      data: {
        thing1: errand.items
          .map((i) => i.name)
          .join('、')
          .slice(0, 19),
        phrase2: phrase,
        time3: chinaTime(Date.now()),
      },
    });

  return {
    async request({ personId, request }, ctx) {
      const person = await personFor(grids, personId, ctx);
      const grid = await grids.grid(person.gridId);
      const now = new Date();
      const errand: ErrandDoc = {
        _id: `e-${newCode(14, secureRandom).toLowerCase()}`,
        status: 'open',
        personId,
        householdId: person.householdId,
        requesterOpenid: ctx.caller.openid,
        requesterName: person.name,
        personOpenid: person.openid,
        gridId: person.gridId,
        gridPath: person.gridPath,
        gridName: grid?.name ?? '',
        items: request.items,
        budget: request.budget,
        urgency: request.urgency,
        deliveryNote: request.deliveryNote,
        contactless: request.contactless,
        claimer: null,
        amountSpent: null,
        receiptFileId: null,
        deliveryFileId: null,
        history: [{ at: now, action: 'request', by: ctx.caller.openid }],
        createdAt: now,
        updatedAt: now,
        deliveredAt: null,
      };
      await errands.add(errand);
      await auditErrand(grids, errand, ctx.caller.openid, 'request');
      return toErrandView(errand);
    },

    async cancel({ errandId, reason }, ctx) {
      const actor = await ctx.actor();
      const { errand, onBehalf } = await settleable(actor, errandId, reason);
      const status = nextErrandStatus(errand.status, 'cancel');
      const entry = { at: new Date(), action: 'cancel', by: actor.openid, reason };
      if (!(await errands.advance(errandId, fromStatuses('cancel'), null, { status }, entry))) {
        throw new AppError('CONFLICT', '已被认领的跑腿单不能取消，请联系认领的志愿者');
      }
      await auditErrand(grids, errand, actor.openid, 'cancel', {
        reason,
        ...(onBehalf && { onBehalf }),
      });
      return toErrandView({ ...errand, status, history: [...errand.history, entry] });
    },

    async pool({ page }, ctx) {
      const actor = await ctx.actor();
      const nodes = actor.memberships.map((m) => m.gridId);
      if (nodes.length === 0) throw new AppError('FORBIDDEN', '加入网格后才能认领跑腿单');
      const { items, total } = await errands.pool(nodes, page);
      return pageOf(items, page, total);
    },

    /**
     * 抢单. The volunteer's slot is taken first and the errand second, so a claim refused by the
     * limit never touches the errand; a volunteer who loses the errand gives the slot back. One
     * who comes after the winner is answered from the errand's read alone.
     */
    async claim({ errandId }, ctx) {
      const actor = await ctx.actor();
      authoriseAnywhere(actor, 'errands.serve', '加入网格后才能认领跑腿单');
      const errand = await findInScope(
        actor,
        'errands.serve',
        () => errands.get(errandId),
        (e) => ({ gridPath: e.gridPath }),
        MISSING,
      );
      const status = nextErrandStatus(errand.status, 'claim');
      const at = new Date();
      const claimer = {
        openid: actor.openid,
        name: actor.memberships.find((m) => m.name)?.name ?? actor.name,
        party: actor.memberships.some((m) => m.party === true),
        at,
      };
      // The limit is read only when the volunteer already holds a claim (every limit is at least 1).
      const slot = await errands.takeSlot(
        actor.openid,
        async () => (await limits()).maxActiveClaims,
      );
      if (!slot.taken)
        throw new AppError('CONFLICT', `您已有 ${slot.max} 个进行中的跑腿单，请先完成再认领`);
      // Only confirmed memberships serve: one joined by code and not yet confirmed only looks.
      const scope = actor.command
        ? undefined
        : actor.memberships.filter((m) => m.pending !== true).map((m) => m.gridId);
      const entry = { at, action: 'claim', by: actor.openid };
      const won = await errands.advance(
        errandId,
        fromStatuses('claim'),
        null,
        { status, claimer },
        entry,
        scope,
      );
      if (!won) {
        await errands.releaseSlot(actor.openid);
        throw new AppError('CONFLICT', '该跑腿单已被认领');
      }
      // What a view shows is fixed at request time, so the read plus the claim is the stored errand.
      const claimed: ErrandDoc = {
        ...errand,
        status,
        claimer,
        updatedAt: at,
        history: [...errand.history, entry],
      };
      await Promise.all([
        auditErrand(grids, errand, actor.openid, 'claim'),
        tellRequester(claimed, '已被认领'),
      ]);
      return toErrandView(claimed);
    },

    async unclaim({ errandId, reason }, ctx) {
      const errand = await step(errandId, 'unclaim', ctx, { claimer: null }, reason);
      await errands.releaseSlot(ctx.caller.openid);
      return toErrandView(errand);
    },

    async purchase({ errandId, amount, receiptFileId }, ctx) {
      return toErrandView(
        await step(errandId, 'purchase', ctx, { amountSpent: amount, receiptFileId }, undefined, {
          kind: 'receipt',
          fileId: receiptFileId,
        }),
      );
    },

    async deliver({ errandId, photoFileId }, ctx) {
      const errand = await step(
        errandId,
        'deliver',
        ctx,
        { deliveryFileId: photoFileId, deliveredAt: new Date() },
        undefined,
        { kind: 'delivery', fileId: photoFileId },
      );
      await errands.releaseSlot(ctx.caller.openid);
      await tellRequester(errand, '已送达');
      return toErrandView(errand);
    },

    async confirm({ errandId, reason }, ctx) {
      const actor = await ctx.actor();
      const { errand, onBehalf } = await settleable(actor, errandId, reason);
      const status = nextErrandStatus(errand.status, 'confirm');
      const entry = {
        at: new Date(),
        action: 'confirm',
        by: actor.openid,
        ...(onBehalf && { reason }),
      };
      if (!(await errands.advance(errandId, fromStatuses('confirm'), null, { status }, entry))) {
        throw new AppError('CONFLICT', '跑腿单状态已变化，请刷新后重试');
      }
      await auditErrand(
        grids,
        errand,
        actor.openid,
        'confirm',
        onBehalf ? { reason, onBehalf } : undefined,
      );
      return toErrandView({ ...errand, status });
    },

    async mine({ page }, ctx) {
      const actor = await ctx.actor();
      const { items, total } = await errands.ofRequester(actor.openid, actor.householdId, page);
      return pageOf(items, page, total);
    },

    async claims({ page }, ctx) {
      const { items, total } = await errands.ofClaimer(ctx.caller.openid, page);
      return pageOf(items, page, total);
    },

    async record(_input, ctx) {
      const months = await errands.deliveredByMonth(ctx.caller.openid);
      return { total: months.reduce((n, m) => n + m.done, 0), months };
    },

    /** The address and phone, to the active claimer only, while the claim is active; audited. */
    async contact({ errandId }, ctx) {
      const refusal = '只有正在办理该跑腿单的志愿者可以查看联系方式';
      const errand = await claimedByCaller(await ctx.actor(), errandId, refusal);
      if (!ACTIVE_CLAIM.includes(errand.status)) throw new AppError('FORBIDDEN', refusal);
      const [household, secret] = await Promise.all([
        grids.household(errand.householdId),
        grids.secretOf(errand.personId),
      ]);
      await auditErrand(grids, errand, ctx.caller.openid, 'contact');
      return {
        name: errand.requesterName,
        address: household?.address ?? '',
        phone: secret?.phone ?? null,
      };
    },

    /** 跑腿设置 in force: anyone signed in may read them (the pool page shows them). */
    async settings() {
      return errandSettingsView(await errands.settings());
    },

    /** Only the command centre sets the limits; the change is audited with before and after. */
    async configure(values, ctx) {
      const actor = await ctx.actor();
      if (!actor.command) throw new AppError('FORBIDDEN', '只有指挥部可以修改跑腿设置');
      const before = errandSettingsOf(await errands.settings());
      const by = { openid: actor.openid, name: actor.name || '指挥部' };
      const at = new Date();
      await errands.saveSettings(values, by, at);
      // The limits apply to every node: the entry sits on none.
      await grids.record({
        actor: actor.openid,
        action: 'errand.settings',
        gridId: null,
        gridPath: [],
        target: 'settings/errands',
        detail: { before, after: values },
      });
      return errandSettingsView({ _id: 'errands', ...values, updatedAt: at, updatedBy: by });
    },

    async subtree({ gridId, page }, ctx) {
      await gridInScope(grids, await ctx.actor(), 'grid.read', gridId);
      const { items, total } = await errands.inSubtree(gridId, page);
      return pageOf(items, page, total);
    },
  };
}
