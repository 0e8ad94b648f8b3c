import {
  chinaDay,
  chinaTime,
  maskIdNumber,
  maskPhone,
  PAGE_SIZE,
  type ActionName,
  type JoinRequestView,
} from '@gridguard/types';
import { doorCodeTallyKey, MAX_CODE_MISSES_PER_DAY, newCode } from '../domain/codes';
import { AppError } from '../domain/errors';
import {
  admitters,
  claimedPerson,
  householdPart,
  joinRequestId,
  personFromRequest,
  toJoinRequestView,
} from '../domain/join-requests';
import type { Actor } from '../domain/policy';
import { personSearchIndex } from '../domain/search';
import type { JoinRequestDoc, PersonDoc } from '../domain/records';
import type { GridData } from '../runtime/data';
import type { CodeAttempts } from '../runtime/code-attempts';
import type { JoinRequestData } from '../runtime/join-request-data';
import { fitThing } from '../runtime/notify';
import type { ActionHandlers } from '../runtime/router';
import { findInScope, gridInScope, isDuplicateKey, secureRandom, type Notify } from './common';
import type { HouseholdMarks } from './households';
import { refreshUser } from './members';

type JoinActionName = Extract<
  ActionName<'households'>,
  'join' | 'myRequest' | 'requests' | 'approve' | 'reject' | 'withdraw'
>;

/** Why an approval was undone: the household was removed before the applicant was put in it. */
const HOUSEHOLD_GONE = '该住户已被删除';

/** Wrong door codes a person may type in a China day before trying waits until tomorrow. */

const actorName = (actor: Actor) =>
  actor.memberships.find((m) => m.name)?.name ?? (actor.name || '网格长');

/**
 * 加入住户: a door code only asks. A member of the household (on WeChat) or the node's leader
 * admits the applicant, who until then sees nothing of the family; a refusal writes nothing.
 */
export function joinRequestActions(
  data: GridData,
  joins: JoinRequestData,
  marks: HouseholdMarks,
  tally: CodeAttempts,
  notify: Notify,
): Pick<ActionHandlers<'households'>, JoinActionName> {
  /** Loads a request the caller may decide; missing and out of scope look the same. */
  const decidable = (actor: Actor, requestId: string): Promise<JoinRequestDoc> =>
    findInScope(
      actor,
      'household.admit',
      () => joins.get(requestId),
      (r) => ({ gridPath: r.gridPath, householdId: r.householdId }),
      '该申请不存在',
    );

  /** Tells whoever admits to this household; a missing credit is not an error (they see the list). */
  const askToAdmit = async (request: JoinRequestDoc) => {
    const [people, grids] = await Promise.all([
      joins.wechatPeopleOf(request.householdId),
      data.grids(request.gridPath),
    ]);
    const who = admitters(people, request.gridPath, grids);
    // No leader anywhere above (a town just set up or imported): the command centre admits.
    const openids = who.openids.length > 0 ? who.openids : await joins.commandCentre();
    const gridId = who.gridId ?? (who.openids.length > 0 ? request.gridId : request.gridPath[0]);
    const page =
      who.via === 'household'
        ? 'pages/household/index'
        : `pages/join-requests/index?gridId=${encodeURIComponent(gridId ?? request.gridId)}`;
    await Promise.all(
      openids.map((touser) =>
        notify({
          touser,
          template: 'joinRequest',
          page,
          data: {
            name1: [...request.name].slice(0, 10).join(''),
            thing2: fitThing(request.address),
            time3: chinaTime(request.createdAt),
          },
        }),
      ),
    );
  };

  /**
   * Links an applicant the household already lists to their WeChat: the record keeps its history
   * and stored ID number; a phone they typed replaces the stored one. True when linked just now.
   */
  const link = async (request: JoinRequestDoc): Promise<boolean> => {
    const [current, typed] = await joins
      .secrets([request.personId, ...(request.secretId ? [request.secretId] : [])])
      .then((found) => [
        found.find((s) => s._id === request.personId),
        found.find((s) => s._id === request.secretId),
      ]);
    const idNumber = current?.idNumber ?? typed?.idNumber ?? null;
    const phone = typed?.phone ?? current?.phone ?? null;
    const masked = {
      idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
      phoneMasked: phone ? maskPhone(phone) : null,
    };
    if ((current?.idNumber ?? null) !== idNumber || (current?.phone ?? null) !== phone) {
      await joins.setSecret(request.personId, { idNumber, phone });
    }
    const linked = await joins.link(request.personId, request.householdId, request.openid, {
      relation: request.relation,
      ...masked,
      ...personSearchIndex({ name: request.name, ...masked }),
    });
    if (linked === 'taken')
      throw new AppError('CONFLICT', '该成员已由其他微信用户关联，请联系网格员');
    if (linked === 'gone') throw new AppError('CONFLICT', '该成员已迁出或已被删除，请联系网格员');
    if (request.secretId) await joins.dropSecret(request.secretId);
    return linked === 'linked';
  };

  /**
   * Takes back what an approval put into a household that is gone: the new person and their
   * numbers, or the link to a listed one; the request ends refused, saying why.
   */
  const undoAdmission = async (request: JoinRequestDoc, person: PersonDoc) => {
    if (request.claims) {
      await joins.unlink(request.personId, request.openid);
    } else {
      await marks.removePerson(person);
      await marks.dropSecret(person._id);
    }
    await joins.undoApproval(request._id, HOUSEHOLD_GONE);
  };

  /** Finishes an approval: the person, the user's place, the counters, once however often run. */
  const admit = async (request: JoinRequestDoc, by: Actor) => {
    const person = personFromRequest(request, new Date());
    const created = request.claims ? await link(request) : await joins.admit(person);
    // Then the household's mark, as the register does when it adds someone: a removal that found
    // the household empty before fails on it; if the removal came first, the approval is undone.
    // A retry of a half-done approval marks again, which changes nothing a removal relies on.
    if (!(await marks.touchHousehold(request.householdId))) {
      await undoAdmission(request, person);
      throw new AppError('CONFLICT', `${HOUSEHOLD_GONE}，申请未能通过`);
    }
    if (created && !request.claims) await data.incCounts(request.gridPath, { people: 1 });
    const user = await data.user(request.openid);
    await data.saveUser({
      _id: request.openid,
      openid: request.openid,
      name: user?.name || request.name,
      roles: user?.roles ?? [],
      ...(user?.command && { command: true }),
      gridId: request.gridId,
      gridPath: request.gridPath,
      householdId: request.householdId,
      personId: request.personId,
    });
    await refreshUser(data, request.openid, request.name);
    if (created) {
      await data.record({
        actor: by.openid,
        action: 'household.join',
        gridId: request.gridId,
        gridPath: request.gridPath,
        target: request.personId,
        detail: {
          request: request._id,
          applicant: request.openid,
          ...(request.claims && { linkedExisting: true }),
        },
      });
    }
  };

  return {
    async join(input, ctx) {
      const openid = ctx.caller.openid;
      const today = chinaDay(Date.now());
      const [actor, household, misses] = await Promise.all([
        ctx.actor(),
        data.householdByCode(input.code),
        tally.misses(doorCodeTallyKey(openid, today)),
      ]);
      // Refused before the code counts, so a guesser learns nothing more today.
      if (misses >= MAX_CODE_MISSES_PER_DAY) {
        throw new AppError('CONFLICT', '门牌码输错次数过多，请明天再试，或请网格员协助登记');
      }
      if (!household) {
        await tally.miss(doorCodeTallyKey(openid, today));
        throw new AppError('HOUSEHOLD_CODE_INVALID');
      }
      if (actor.householdId === household._id) {
        return { status: 'member', householdId: household._id };
      }
      if (actor.householdId) {
        throw new AppError('CONFLICT', '您已登记在其他住户，如需变更请联系网格员');
      }
      const id = joinRequestId(openid);
      const previous = await joins.get(id);
      if (previous?.status === 'pending') {
        if (previous.householdId === household._id) {
          return { status: 'requested', request: toJoinRequestView(previous) };
        }
        throw new AppError('CONFLICT', '您已申请加入其他住户，请等待确认或先撤回该申请');
      }
      const [grid, residents] = await Promise.all([
        data.grid(household.gridId),
        joins.peopleOf(household._id),
      ]);
      const storedIds = new Map(
        (await joins.secrets(residents.map((p) => p._id))).map((s) => [s._id, s.idNumber]),
      );
      const claim = claimedPerson(
        { name: input.name, idNumber: input.idNumber ?? null },
        residents,
        (personId) => storedIds.get(personId) ?? null,
      );
      if (claim && 'needsIdNumber' in claim) {
        throw new AppError('INVALID_INPUT', '请填写身份证号，以便与本户已登记的信息核对');
      }
      const request: JoinRequestDoc = {
        _id: id,
        openid,
        status: 'pending',
        personId: claim ? claim.person._id : `p-${newCode(14, secureRandom).toLowerCase()}`,
        ...(claim && {
          claims: { name: claim.person.name, idNumberMasked: claim.person.idNumberMasked },
          secretId: `js-${newCode(14, secureRandom).toLowerCase()}`,
        }),
        ...householdPart(household, grid?.name ?? ''),
        name: input.name,
        relation: input.relation,
        idNumberMasked: input.idNumber ? maskIdNumber(input.idNumber) : null,
        phoneMasked: input.phone ? maskPhone(input.phone) : null,
        createdAt: new Date(),
        decidedAt: null,
        decidedBy: null,
        reason: '',
      };
      await joins.keepSecret(request.secretId ?? request.personId, {
        idNumber: input.idNumber ?? null,
        phone: input.phone ?? null,
      });
      const stored = await (async () => {
        if (previous) return joins.renew(previous, request);
        try {
          await joins.add(request);
          return true;
        } catch (e) {
          if (isDuplicateKey(e)) return false;
          throw e;
        }
      })();
      if (!stored) {
        // Another tap of the same applicant got there first: its request stands, this one goes.
        await joins.dropSecret(request.secretId ?? request.personId);
        const current = await joins.get(id);
        if (current?.status === 'pending' && current.householdId === household._id) {
          return { status: 'requested', request: toJoinRequestView(current) };
        }
        throw new AppError('CONFLICT', '申请状态已变化，请刷新后重试');
      }
      await Promise.all([
        data.record({
          actor: openid,
          action: 'household.joinRequest',
          gridId: household.gridId,
          gridPath: household.gridPath,
          target: household._id,
        }),
        askToAdmit(request),
      ]);
      return { status: 'requested', request: toJoinRequestView(request) };
    },

    async myRequest(_input, ctx) {
      const request = await joins.get(joinRequestId(ctx.caller.openid));
      return request ? toJoinRequestView(request) : null;
    },

    async requests({ gridId, page }, ctx) {
      const actor = await ctx.actor();
      const empty = { items: [] as JoinRequestView[], page, pageSize: PAGE_SIZE, total: 0 };
      if (gridId === null) {
        if (!actor.householdId) return empty;
        const { items, total } = await joins.ofHousehold(actor.householdId, page);
        return { ...empty, items: items.map(toJoinRequestView), total };
      }
      await gridInScope(data, actor, 'households.manage', gridId);
      const { items, total } = await joins.under(gridId, page);
      return { ...empty, items: items.map(toJoinRequestView), total };
    },

    async approve({ requestId }, ctx) {
      const actor = await ctx.actor();
      const request = await decidable(actor, requestId);
      const at = new Date();
      const by = { openid: actor.openid, name: actorName(actor) };
      if (request.status !== 'approved') {
        if (request.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');
        if (request.openid === actor.openid) throw new AppError('FORBIDDEN', '不能批准自己的申请');
        if (request.claims) {
          // Decided only while the listed person is still free to link: never an approval left hanging.
          const listed = await joins.person(request.personId);
          if (
            listed?.householdId !== request.householdId ||
            (listed.openid !== null && listed.openid !== request.openid)
          )
            throw new AppError(
              'CONFLICT',
              '该成员已由其他微信用户关联或已被移除，请拒绝后请对方重新申请',
            );
        }
        if (!(await joins.decide(request._id, 'approved', by, '', at))) {
          const now = await joins.get(request._id);
          if (now?.status !== 'approved') throw new AppError('CONFLICT', '该申请已处理');
        }
      }
      // Also run when an earlier approval stopped half-way: each step lands once.
      await admit(request, actor);
      return toJoinRequestView({
        ...request,
        status: 'approved',
        decidedAt: request.decidedAt ?? at,
        decidedBy: request.decidedBy ?? by,
      });
    },

    async reject({ requestId, reason }, ctx) {
      const actor = await ctx.actor();
      const request = await decidable(actor, requestId);
      if (request.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');
      const at = new Date();
      const by = { openid: actor.openid, name: actorName(actor) };
      if (!(await joins.decide(request._id, 'rejected', by, reason, at))) {
        throw new AppError('CONFLICT', '该申请已处理');
      }
      await Promise.all([
        joins.dropSecret(request.secretId ?? request.personId),
        data.record({
          actor: actor.openid,
          action: 'household.joinReject',
          gridId: request.gridId,
          gridPath: request.gridPath,
          target: request._id,
          ...(reason && { detail: { reason } }),
        }),
      ]);
      return toJoinRequestView({
        ...request,
        status: 'rejected',
        decidedAt: at,
        decidedBy: by,
        reason,
      });
    },

    async withdraw(_input, ctx) {
      const openid = ctx.caller.openid;
      const request = await joins.get(joinRequestId(openid));
      if (!request || request.status !== 'pending') {
        throw new AppError('CONFLICT', '没有等待确认的加入申请');
      }
      const at = new Date();
      const by = { openid, name: request.name };
      if (!(await joins.decide(request._id, 'withdrawn', by, '', at))) {
        throw new AppError('CONFLICT', '该申请已处理');
      }
      await Promise.all([
        joins.dropSecret(request.secretId ?? request.personId),
        data.record({
          actor: openid,
          action: 'household.joinWithdraw',
          gridId: request.gridId,
          gridPath: request.gridPath,
          target: request._id,
        }),
      ]);
      return toJoinRequestView({ ...request, status: 'withdrawn', decidedAt: at, decidedBy: by });
    },
  };
}
