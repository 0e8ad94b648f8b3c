import { randomBytes } from 'node:crypto';
import {
  addDays,
  CHECK_OUT_LATE_MS,
  chinaDay,
  chinaTime,
  MY_SHIFTS_PAGE,
  outsiderQrPath,
  PAGE_SIZE,
  ROTA_DAYS_AHEAD,
  ROTA_VIEW_DAYS,
  SHIFT_REMINDER_LEAD_MS,
  type ROTA_SCHEMAS,
  type ShiftView,
} from '@gridguard/types';
import type { CrewDoc, ShiftDoc, SiteDoc } from '../domain/checkpoint-records';
import { staffSecretId } from '../domain/contacts';
import { AppError } from '../domain/errors';
import { may, type Actor } from '../domain/policy';
import {
  checkInOpen,
  checkOutOpen,
  hasEnded,
  memberMayChange,
  missingShifts,
  overlaps,
  planChangeFrom,
  rotaOrder,
  rotaWindow,
  siteIdFor,
  siteIdOfShift,
  toShiftView,
  toSiteRow,
  toSiteView,
  weekOf,
  withCrew,
} from '../domain/rota';
import { pathOf } from '../domain/tree';
import type { GridData } from '../runtime/data';
import type { ActionHandlers } from '../runtime/router';
import { REMINDER_BATCH, TOP_UP_BATCH, type RotaData } from '../runtime/rota-data';
import { authoriseAnywhere, gridInScope, inScope, short, type Notify } from './common';

/** Tries at a crew changed by someone else between the read and the write. */
const CREW_WRITE_TRIES = 5;
const CLOSED = '该卡口已关闭';
const MISSING_SITE = '该卡口不存在';
const MISSING_SHIFT = '该班次不存在';

const nameOf = (actor: Actor): string =>
  actor.name || actor.memberships.find((m) => m.name)?.name || '网格员';

const mayOn = (actor: Actor, site: Pick<SiteDoc, 'gridPath'>) => ({
  run: may(actor, 'checkpoint.run', { gridPath: site.gridPath }),
  duty: may(actor, 'checkpoint.duty', { gridPath: site.gridPath }),
});

/**
 * 卡口 rota (router `checkpoints`): sites and their plans (leaders over the site's node), the
 * rota, sign-up and leave (confirmed staff over the site, until the day before), 补位 (leaders),
 * each member's hours this week, 我的班次, and check-in / check-out on duty. Each action
 * authorises before it reads and refuses before it writes.
 */
/** The secret a site's printed QR carries (see SiteDoc.qrToken). */
const newQrToken = () => randomBytes(12).toString('base64url');

export function rotaActions(
  grids: GridData,
  data: RotaData,
): Pick<ActionHandlers<'checkpoints'>, keyof typeof ROTA_SCHEMAS> {
  /** A site the caller holds `permission` on; missing answers like out of scope. */
  const siteFor = async (
    actor: Actor,
    permission: 'checkpoint.run' | 'checkpoint.duty',
    siteId: string,
  ): Promise<SiteDoc> => {
    authoriseAnywhere(actor, permission);
    return inScope(
      actor,
      await data.site(siteId),
      (s) => may(actor, permission, { gridPath: s.gridPath }),
      MISSING_SITE,
    );
  };
  /** A shift and its site, the caller holding `permission` on them. */
  const shiftFor = async (
    actor: Actor,
    permission: 'checkpoint.run' | 'checkpoint.duty',
    shiftId: string,
  ): Promise<{ shift: ShiftDoc; site: SiteDoc }> => {
    authoriseAnywhere(actor, permission);
    const [shift, site] = await Promise.all([
      data.shift(shiftId),
      data.site(siteIdOfShift(shiftId)),
    ]);
    const found = inScope(
      actor,
      site,
      (s) => may(actor, permission, { gridPath: s.gridPath }),
      MISSING_SHIFT,
    );
    // The site is the caller's: a shift gone with a new plan or the site's closing may be said so.
    if (!shift) {
      throw found.status === 'open'
        ? new AppError('NOT_FOUND', '该班次已随排班调整取消，请刷新后重试')
        : new AppError('CONFLICT', CLOSED);
    }
    return { shift, site: found };
  };

  /** Makes the shifts of the window from today that do not exist yet (a new day as days pass). */
  const topUp = async (site: SiteDoc, existing: readonly ShiftDoc[], now: Date) => {
    if (site.status !== 'open') return [];
    const days = rotaWindow(chinaDay(now));
    const made = missingShifts(site, days, new Set(existing.map((s) => s._id)));
    await data.addShifts(made);
    // Only when a read made a day before the timer did: the timer then skips the site.
    const through = days[days.length - 1] ?? '';
    if (made.length > 0 && (site.shiftsThrough ?? '') < through)
      await data.markShiftsThrough(site._id, through);
    return made;
  };

  /**
   * Changes a shift's crew by `change` (the crew it should have, from the one read), written
   * over the `rev` read; a write that lost a race reads again and decides again.
   */
  const changeCrew = async (
    first: ShiftDoc,
    change: (shift: ShiftDoc) => CrewDoc[] | 'unchanged',
    limit: boolean,
  ): Promise<ShiftDoc> => {
    let shift = first;
    for (let attempt = 0; attempt < CREW_WRITE_TRIES; attempt += 1) {
      const crew = change(shift);
      if (crew === 'unchanged') return shift;
      const next = withCrew(shift, crew);
      const grows = crew.length > shift.crew.length;
      if (await data.writeCrew(shift._id, shift.rev, next, limit && grows ? shift.need : undefined))
        return { ...shift, ...next };
      const again = await data.shift(shift._id);
      if (!again) throw new AppError('CONFLICT', '该班次已随排班调整取消，请刷新后重试');
      shift = again;
    }
    throw new AppError('CONFLICT', '该班次正在被他人修改，请稍后重试');
  };

  /** Refuses a shift that overlaps one the person is already on (at any site). */
  const refuseOverlap = async (openid: string, shift: ShiftDoc, whose: string) => {
    const around = await data.shiftsOfMember(openid, addDays(shift.day, -1), addDays(shift.day, 1));
    const clash = around.find((s) => s._id !== shift._id && overlaps(s, shift));
    if (clash) {
      throw new AppError(
        'CONFLICT',
        `${whose}已在 ${clash.day} ${clash.start}–${clash.end}（${clash.siteName}）值班，时间重叠`,
      );
    }
  };

  const join =
    (person: { openid: string; name: string }, source: CrewDoc['source'], by: string, now: Date) =>
    (shift: ShiftDoc): CrewDoc[] | 'unchanged' => {
      if (shift.crew.some((c) => c.openid === person.openid)) return 'unchanged';
      if (shift.filled >= shift.need)
        throw new AppError('CONFLICT', '该班次已报满，请选择其他班次');
      return [
        ...shift.crew,
        {
          openid: person.openid,
          name: person.name,
          source,
          by,
          at: now,
          checkedInAt: null,
          checkedOutAt: null,
          remindedAt: null,
        },
      ];
    };
  const without =
    (openid: string) =>
    (shift: ShiftDoc): CrewDoc[] | 'unchanged' =>
      shift.crew.some((c) => c.openid === openid)
        ? shift.crew.filter((c) => c.openid !== openid)
        : 'unchanged';

  const openSite = (site: SiteDoc) => {
    if (site.status !== 'open') throw new AppError('CONFLICT', CLOSED);
  };
  const view = (shift: ShiftDoc, actor: Actor, now: Date): ShiftView =>
    toShiftView(shift, actor.openid, now);

  /** Stamps the caller's check-in or check-out once; the first one stands. */
  const duty = async (
    shiftId: string,
    ctx: Parameters<ActionHandlers<'checkpoints'>['checkIn']>[1],
    field: 'checkedInAt' | 'checkedOutAt',
  ): Promise<ShiftView> => {
    const actor = await ctx.actor();
    const { shift } = await shiftFor(actor, 'checkpoint.duty', shiftId);
    const now = new Date();
    if (!shift.crew.some((c) => c.openid === actor.openid)) {
      throw new AppError('FORBIDDEN', '您不在该班次的值守名单中');
    }
    const open = field === 'checkedInAt' ? checkInOpen(shift, now) : checkOutOpen(shift, now);
    const own = shift.crew.find((c) => c.openid === actor.openid);
    if (own?.[field]) return view(shift, actor, now);
    if (!open) {
      throw new AppError(
        'CONFLICT',
        field === 'checkedInAt'
          ? '不在签到时间内：班次开始前 1 小时至结束前可签到'
          : '不在签退时间内：班次结束后 4 小时内可签退',
      );
    }
    const written = await changeCrew(
      shift,
      (s) => {
        const me = s.crew.find((c) => c.openid === actor.openid);
        if (!me) throw new AppError('CONFLICT', '您已不在该班次的值守名单中');
        if (me[field]) return 'unchanged';
        return s.crew.map((c) =>
          c.openid === actor.openid
            ? {
                ...c,
                [field]: now,
                ...(field === 'checkedOutAt' && !c.checkedInAt && { checkedInAt: now }),
              }
            : c,
        );
      },
      false,
    );
    return view(written, actor, now);
  };

  return {
    async createSite(input, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(grids, actor, 'checkpoint.run', input.gridId);
      const id = siteIdFor(actor.openid, input.key);
      const now = new Date();
      const earlier = await data.site(id);
      const answer = (site: SiteDoc) =>
        toSiteView(site, mayOn(actor, site), outsiderQrPath(site._id, site.qrToken));
      if (earlier) {
        if (earlier.gridId !== grid._id) {
          throw new AppError('CONFLICT', '提交编号已被使用，请重新填写');
        }
        return answer(earlier);
      }
      const site: SiteDoc = {
        _id: id,
        name: input.name,
        kind: input.kind,
        place: input.place,
        gridId: grid._id,
        gridPath: pathOf(grid),
        gridName: grid.name,
        plan: input.plan,
        planVersion: 1,
        qrToken: newQrToken(),
        status: 'open',
        shiftsThrough: addDays(chinaDay(now), ROTA_DAYS_AHEAD - 1),
        createdBy: { openid: actor.openid, name: nameOf(actor) },
        createdAt: now,
        updatedAt: now,
      };
      if (!(await data.addSite(site))) {
        const made = await data.site(id);
        if (!made) throw new AppError('CONFLICT');
        return answer(made);
      }
      // A retry after the site was added but before its shifts makes only the missing ones.
      await topUp(
        site,
        await data.shiftsIn(id, chinaDay(now), addDays(chinaDay(now), ROTA_DAYS_AHEAD)),
        now,
      );
      return answer(site);
    },

    async sites(input, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(grids, actor, 'checkpoint.duty', input.gridId);
      // Sites above the node count only where the caller may staff or run them.
      const above = grid.ancestors.filter((_id, i) =>
        may(actor, 'checkpoint.duty', { gridPath: grid.ancestors.slice(0, i + 1) }),
      );
      const { items, total } = await data.sitesFor(grid._id, above, input.page);
      return {
        items: items.map((s) => toSiteRow(s, mayOn(actor, s))),
        page: input.page,
        pageSize: PAGE_SIZE,
        total,
      };
    },

    async site(input, ctx) {
      const actor = await ctx.actor();
      const site = await siteFor(actor, 'checkpoint.duty', input.siteId);
      return toSiteView(site, mayOn(actor, site), outsiderQrPath(site._id, site.qrToken));
    },

    async editSite(input, ctx) {
      const actor = await ctx.actor();
      const site = await siteFor(actor, 'checkpoint.run', input.siteId);
      openSite(site);
      const now = new Date();
      const changes: Partial<SiteDoc> = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.place !== undefined && { place: input.place }),
        ...(input.plan !== undefined && { plan: input.plan, planVersion: site.planVersion + 1 }),
        updatedAt: now,
      };
      if (!(await data.updateOpenSite(site._id, changes))) throw new AppError('CONFLICT', CLOSED);
      const next: SiteDoc = { ...site, ...changes };
      if (input.plan !== undefined) {
        // Today's and tomorrow's gate stays as planned; from then on empty shifts are replaced
        // and a shift someone is on stays as it is.
        const from = planChangeFrom(chinaDay(now));
        const last = addDays(chinaDay(now), ROTA_DAYS_AHEAD - 1);
        await data.removeEmptyShifts(site._id, from);
        const kept = await data.shiftsIn(site._id, from, last);
        const days = rotaWindow(chinaDay(now)).filter((d) => d >= from);
        await data.addShifts(missingShifts(next, days, new Set(kept.map((s) => s._id))));
      }
      return toSiteView(next, mayOn(actor, next), outsiderQrPath(next._id, next.qrToken));
    },

    async closeSite(input, ctx) {
      const actor = await ctx.actor();
      const site = await siteFor(actor, 'checkpoint.run', input.siteId);
      const now = new Date();
      const next: SiteDoc = { ...site, status: 'closed', updatedAt: now };
      if (site.status === 'open') {
        if (!(await data.updateOpenSite(site._id, { status: 'closed', updatedAt: now }))) {
          return toSiteView(next, mayOn(actor, next), outsiderQrPath(next._id, next.qrToken));
        }
        await data.retireShifts(site._id, now);
      }
      return toSiteView(next, mayOn(actor, next), outsiderQrPath(next._id, next.qrToken));
    },

    async renewQr(input, ctx) {
      const actor = await ctx.actor();
      const site = await siteFor(actor, 'checkpoint.run', input.siteId);
      openSite(site);
      const now = new Date();
      const token = newQrToken();
      // Two leaders renewing at once: one token wins, and both are shown the one that did.
      const current = (await data.replaceQrToken(site._id, site.qrToken, token, now))
        ? { ...site, qrToken: token, updatedAt: now }
        : await data.site(site._id);
      if (!current || current.status !== 'open') throw new AppError('CONFLICT', CLOSED);
      return toSiteView(
        current,
        mayOn(actor, current),
        outsiderQrPath(current._id, current.qrToken),
      );
    },

    async rota(input, ctx) {
      const actor = await ctx.actor();
      const site = await siteFor(actor, 'checkpoint.duty', input.siteId);
      const now = new Date();
      const today = chinaDay(now);
      const from = input.from ?? today;
      const to = addDays(from, ROTA_VIEW_DAYS - 1);
      const windowEnd = addDays(today, ROTA_DAYS_AHEAD - 1);
      let shifts: ShiftDoc[];
      if (site.status === 'open' && from <= windowEnd && to >= today) {
        // Read the whole window so days that came into it since the last read get their shifts.
        const first = from < today ? from : today;
        const last = to > windowEnd ? to : windowEnd;
        const read = await data.shiftsIn(site._id, first, last);
        const made = await topUp(site, read, now);
        shifts = [...read, ...made].filter((s) => s.day >= from && s.day <= to);
      } else {
        shifts = await data.shiftsIn(site._id, from, to);
      }
      const may = mayOn(actor, site);
      return {
        site: toSiteRow(site, may),
        from,
        to,
        shifts: rotaOrder(shifts, may.run, now).map((s) => view(s, actor, now)),
      };
    },

    async uncovered(input, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(grids, actor, 'checkpoint.run', input.gridId);
      const now = new Date();
      const { items, total } = await data.uncoveredUnder(grid._id, chinaDay(now), now, input.page);
      return {
        items: items.map((s) => view(s, actor, now)),
        page: input.page,
        pageSize: PAGE_SIZE,
        total,
      };
    },

    async signUp(input, ctx) {
      const actor = await ctx.actor();
      const { shift, site } = await shiftFor(actor, 'checkpoint.duty', input.shiftId);
      const now = new Date();
      openSite(site);
      if (shift.crew.some((c) => c.openid === actor.openid)) return view(shift, actor, now);
      if (!memberMayChange(shift, now)) {
        throw new AppError(
          'CONFLICT',
          `报名已截止：${shift.day} 的班次须在前一天结束前报名，请联系网格长补位`,
        );
      }
      await refuseOverlap(actor.openid, shift, '您');
      const me = { openid: actor.openid, name: nameOf(actor) };
      return view(await changeCrew(shift, join(me, 'self', actor.openid, now), true), actor, now);
    },

    async leave(input, ctx) {
      const actor = await ctx.actor();
      const { shift } = await shiftFor(actor, 'checkpoint.duty', input.shiftId);
      const now = new Date();
      if (!shift.crew.some((c) => c.openid === actor.openid)) return view(shift, actor, now);
      if (!memberMayChange(shift, now)) {
        throw new AppError(
          'CONFLICT',
          `退出已截止：${shift.day} 的班次须在前一天结束前退出，请联系网格长调整`,
        );
      }
      return view(await changeCrew(shift, without(actor.openid), false), actor, now);
    },

    async fill(input, ctx) {
      const actor = await ctx.actor();
      const { shift, site } = await shiftFor(actor, 'checkpoint.run', input.shiftId);
      const now = new Date();
      openSite(site);
      if (hasEnded(shift, now)) throw new AppError('CONFLICT', '该班次已结束');
      if (shift.crew.some((c) => c.openid === input.openid)) return view(shift, actor, now);
      const staff = (await grids.membersOn(site.gridPath)).find((m) => m.openid === input.openid);
      if (!staff) throw new AppError('INVALID_INPUT', '只能安排本网格及上级网格已确认的成员');
      await refuseOverlap(staff.openid, shift, staff.name);
      const person = { openid: staff.openid, name: staff.name };
      return view(
        await changeCrew(shift, join(person, 'leader', actor.openid, now), true),
        actor,
        now,
      );
    },

    async unfill(input, ctx) {
      const actor = await ctx.actor();
      const { shift } = await shiftFor(actor, 'checkpoint.run', input.shiftId);
      const now = new Date();
      if (hasEnded(shift, now)) throw new AppError('CONFLICT', '该班次已结束');
      return view(await changeCrew(shift, without(input.openid), false), actor, now);
    },

    async staffLoad(input, ctx) {
      const actor = await ctx.actor();
      const site = await siteFor(actor, 'checkpoint.run', input.siteId);
      const week = weekOf(chinaDay(new Date()));
      const members = await grids.membersOn(site.gridPath);
      const people = new Map(members.map((m) => [m.openid, m.name]));
      const hours = await data.hoursOf([...people.keys()], week.start, week.end);
      const byOpenid = new Map(hours.map((h) => [h._id, h]));
      const rows = [...people].map(([openid, name]) => ({
        openid,
        name,
        minutes: Math.round(byOpenid.get(openid)?.minutes ?? 0),
        shifts: byOpenid.get(openid)?.shifts ?? 0,
      }));
      rows.sort((a, b) => a.minutes - b.minutes || a.name.localeCompare(b.name, 'zh'));
      return { weekStart: week.start, weekEnd: week.end, rows };
    },

    async myShifts(input, ctx) {
      const actor = await ctx.actor();
      const now = new Date();
      // A shift stays here until its check-out window has closed.
      const since = new Date(now.getTime() - CHECK_OUT_LATE_MS);
      const { items, total } = await data.myShifts(actor.openid, since, input.page);
      return {
        items: items.map((s) => view(s, actor, now)),
        page: input.page,
        pageSize: PAGE_SIZE,
        total,
      };
    },

    async callCrew(input, ctx) {
      const actor = await ctx.actor();
      const { shift, site } = await shiftFor(actor, 'checkpoint.duty', input.shiftId);
      // Leaders over the site call anyone on it; a member calls the others on their own shift.
      const onCrew = shift.crew.some((c) => c.openid === actor.openid);
      if (!mayOn(actor, site).run && !onCrew) {
        throw new AppError('FORBIDDEN', '只有网格长和同班次的值守人员可以拨打');
      }
      const crew = shift.crew.find((c) => c.openid === input.openid);
      if (!crew) throw new AppError('NOT_FOUND', '该成员不在这个班次');
      const own = await grids.secretOf(staffSecretId(crew.openid));
      const personId = own?.phone ? null : ((await grids.user(crew.openid))?.personId ?? null);
      const phone =
        own?.phone ?? (personId ? ((await grids.secretOf(personId))?.phone ?? null) : null);
      if (!phone) throw new AppError('NOT_FOUND', `${crew.name}未登记手机号`);
      await grids.record({
        actor: actor.openid,
        action: 'crew.reveal',
        gridId: site.gridId,
        gridPath: site.gridPath,
        target: crew.openid,
        detail: { shiftId: shift._id },
      });
      return { name: crew.name, phone };
    },

    checkIn: (input, ctx) => duty(input.shiftId, ctx, 'checkedInAt'),
    checkOut: (input, ctx) => duty(input.shiftId, ctx, 'checkedOutAt'),
  };
}

/**
 * The rotaTopUp timer: each open site whose shifts stop before the rota's window ends gets the
 * days that came into it, a page of sites at a time, so sign-ups, 我的班次 and the 日报's
 * uncovered shifts see every day whether or not anyone opened the rota. Run twice, it makes
 * nothing twice (shift ids are fixed by site, day and plan index).
 */
export async function topUpRotas(
  data: RotaData,
  now: Date,
): Promise<{ sites: number; shifts: number }> {
  const days = rotaWindow(chinaDay(now));
  const through = days[days.length - 1] ?? '';
  let after = '';
  let sites = 0;
  let shifts = 0;
  for (;;) {
    const page = await data.sitesShortOf(through, after);
    for (const site of page) {
      const from = site.shiftsThrough ?? '';
      const made = missingShifts(
        site,
        days.filter((d) => d > from),
        new Set(),
      );
      shifts += await data.addShifts(made);
      await data.markShiftsThrough(site._id, through);
      sites += 1;
    }
    if (page.length < TOP_UP_BATCH) break;
    after = page[page.length - 1]?._id ?? after;
  }
  return { sites, shifts };
}

/**
 * The reminder before a shift (timer): each crew member of a shift starting within
 * SHIFT_REMINDER_LEAD_MS gets one subscribe message if they granted a credit. Their
 * `remindedAt` is written (over the shift's `rev`) before the message goes, so two runs at once
 * send one; a lost race is picked up by the next run.
 */
export async function remindShifts(
  data: RotaData,
  notify: Notify,
  now: Date,
): Promise<{ shifts: number; messages: number; noCredit: number }> {
  const until = new Date(now.getTime() + SHIFT_REMINDER_LEAD_MS);
  let after = '';
  let shifts = 0;
  let messages = 0;
  let noCredit = 0;
  for (;;) {
    const page = await data.startingSoon(now, until, after);
    for (const shift of page) {
      const due = shift.crew.filter((c) => c.remindedAt === null);
      if (due.length === 0) continue;
      const crew = shift.crew.map((c) => (c.remindedAt === null ? { ...c, remindedAt: now } : c));
      if (!(await data.writeCrew(shift._id, shift.rev, withCrew(shift, crew)))) continue;
      shifts += 1;
      for (const person of due) {
        const outcome = await notify({
          touser: person.openid,
          template: 'shiftReminder',
          page: MY_SHIFTS_PAGE,
          data: {
            thing1: short(shift.siteName, 20),
            time2: chinaTime(shift.startAt),
            thing3: short(`${shift.start}–${shift.end} 请按时到岗签到`, 20),
          },
        });
        if (outcome === 'sent') messages += 1;
        else noCredit += 1;
      }
    }
    if (page.length < REMINDER_BATCH) break;
    after = page[page.length - 1]?._id ?? after;
  }
  return { shifts, messages, noCredit };
}
