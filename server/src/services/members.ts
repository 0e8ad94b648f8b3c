import { maskPhone, type InviteView } from '@gridguard/types';
import { INVITE_CODE_LENGTH, inviteUsable, newCode, type InviteRecord } from '../domain/codes';
import { AppError } from '../domain/errors';
import { staffSecretId } from '../domain/contacts';
import { membershipId, type MembershipDoc, type UserDoc } from '../domain/records';
import { pathOf } from '../domain/tree';
import { rolesOf, toMemberView } from '../domain/views';
import type { GridData } from '../runtime/data';
import type { ActionHandlers } from '../runtime/router';
import { findInScope, gridInScope, isDuplicateKey, secureRandom } from './common';

const DAY_MS = 24 * 3600_000;

const toInviteView = (i: InviteRecord): InviteView => ({
  code: i._id,
  gridId: i.gridId,
  gridName: i.gridName,
  kind: i.kind,
  party: i.party,
  expiresAt: i.expiresAt.toISOString(),
  maxUses: i.maxUses,
  uses: i.uses,
});

/** Keeps the user's summary (roles, primary grid) in line with their memberships and household. */
export async function refreshUser(data: GridData, openid: string, name: string): Promise<void> {
  const [user, memberships] = await Promise.all([data.user(openid), data.membershipsOf(openid)]);
  const primary = memberships[0];
  const base: UserDoc = user ?? {
    _id: openid,
    openid,
    name,
    roles: [],
    gridId: null,
    gridPath: [],
    householdId: null,
    personId: null,
  };
  // A household places a resident; otherwise the first node they joined is their grid.
  const placed = base.householdId
    ? { gridId: base.gridId, gridPath: base.gridPath }
    : { gridId: primary?.gridId ?? null, gridPath: primary?.gridPath ?? [] };
  await data.saveUser({
    ...base,
    ...placed,
    name: base.name || name,
    roles: rolesOf(
      base,
      memberships.map((m) => m.kind),
    ),
  });
}

/** Joining: invite codes per node and role, with expiry, a use limit and revocation. */
export function memberActions(data: GridData): ActionHandlers<'members'> {
  return {
    async invite({ gridId, kind, party, days, maxUses }, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(data, actor, 'members.manage', gridId);
      const now = new Date();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const invite: InviteRecord = {
          _id: newCode(INVITE_CODE_LENGTH, secureRandom),
          gridId,
          gridPath: pathOf(grid),
          gridName: grid.name,
          kind,
          party,
          expiresAt: new Date(now.getTime() + days * DAY_MS),
          maxUses,
          uses: 0,
          revoked: false,
          createdBy: actor.openid,
          createdAt: now,
        };
        try {
          await data.addInvite(invite);
        } catch (e) {
          if (isDuplicateKey(e)) continue;
          throw e;
        }
        await data.record({
          actor: actor.openid,
          action: 'invite.create',
          gridId,
          gridPath: invite.gridPath,
          target: invite._id,
          detail: { kind, party, days, maxUses },
        });
        return toInviteView(invite);
      }
      throw new AppError('INTERNAL');
    },

    async invites({ gridId }, ctx) {
      const actor = await ctx.actor();
      await gridInScope(data, actor, 'members.manage', gridId);
      const now = new Date();
      return (await data.invitesOf(gridId)).filter((i) => inviteUsable(i, now)).map(toInviteView);
    },

    async revoke({ code }, ctx) {
      const actor = await ctx.actor();
      const invite = await findInScope(
        actor,
        'members.manage',
        () => data.invite(code),
        (i) => ({ gridPath: i.gridPath }),
        '没有这个邀请码',
      );
      await data.revokeInvite(code);
      await data.record({
        actor: actor.openid,
        action: 'invite.revoke',
        gridId: invite.gridId,
        gridPath: invite.gridPath,
        target: code,
      });
      return { revoked: true };
    },

    async join({ code, name, phone }, ctx) {
      const openid = ctx.caller.openid;
      const invite = await data.invite(code);
      const now = new Date();
      if (!invite || !inviteUsable(invite, now)) throw new AppError('INVITE_INVALID');
      const id = membershipId(invite.gridId, openid);
      const result = { gridId: invite.gridId, gridName: invite.gridName, kind: invite.kind };
      const existing = await data.membership(id);
      if (existing) return { ...result, alreadyMember: true, pending: existing.pending === true };
      if (!(await data.claimInviteUse(invite, now))) throw new AppError('INVITE_INVALID');
      const doc: MembershipDoc = {
        _id: id,
        gridId: invite.gridId,
        gridPath: invite.gridPath,
        openid,
        name,
        kind: invite.kind,
        party: invite.party,
        phoneMasked: phone ? maskPhone(phone) : null,
        via: code,
        joinedAt: now,
        // A code passed on can reach anyone: a leader confirms who this is before they act.
        pending: true,
      };
      try {
        await data.addMembership(doc);
      } catch (e) {
        // A concurrent second tap got there first: give the use back, joining twice is harmless.
        if (!isDuplicateKey(e)) throw e;
        await data.refundInviteUse(code);
        return { ...result, alreadyMember: true, pending: true };
      }
      await data.incCounts(invite.gridPath, { members: 1 });
      // Residents calling their 户联系 reach this number, not one from an unrelated record.
      if (phone) await data.saveStaffPhone(staffSecretId(openid), phone);
      await refreshUser(data, openid, name);
      await data.record({
        actor: openid,
        action: 'member.join',
        gridId: invite.gridId,
        gridPath: invite.gridPath,
        target: openid,
        detail: { code, kind: invite.kind },
      });
      return { ...result, alreadyMember: false, pending: true };
    },

    async confirm({ gridId, openid }, ctx) {
      const actor = await ctx.actor();
      // Refused before any lookup for whoever leads nothing; missing looks like out of scope.
      const grid = await gridInScope(data, actor, 'members.manage', gridId);
      if (openid === actor.openid)
        throw new AppError('FORBIDDEN', '不能确认自己，请由上级网格长确认');
      const membership = await data.membership(membershipId(gridId, openid));
      if (!membership) throw new AppError('NOT_FOUND', '该成员不在此网格中');
      const by = { openid: actor.openid, name: actor.name || '网格长', at: new Date() };
      if (membership.pending === true && (await data.confirmMembership(membership._id, by))) {
        // A leader joining by invite leads the node once confirmed, if nobody leads it yet.
        if (membership.kind === 'leader' && !grid.leader) {
          await data.setLeader(gridId, {
            openid,
            name: membership.name,
            party: membership.party,
          });
        }
        await data.record({
          actor: actor.openid,
          action: 'member.confirm',
          gridId,
          gridPath: pathOf(grid),
          target: openid,
        });
      }
      return toMemberView({ ...membership, pending: false }, actor.openid);
    },

    async remove({ gridId, openid }, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(data, actor, 'members.manage', gridId);
      if (openid === actor.openid)
        throw new AppError('CONFLICT', '不能移除自己，请由上级网格长办理');
      const membership = await data.membership(membershipId(gridId, openid));
      if (!membership) throw new AppError('NOT_FOUND', '该成员不在此网格中');
      if ((await data.removeMembership(membership._id)) === 1) {
        await data.incCounts(pathOf(grid), { members: -1 });
        if (grid.leader?.openid === openid) await data.setLeader(gridId, null);
        await refreshUser(data, openid, membership.name);
      }
      await data.record({
        actor: actor.openid,
        action: 'member.remove',
        gridId,
        gridPath: pathOf(grid),
        target: openid,
      });
      return { removed: true };
    },
  };
}
