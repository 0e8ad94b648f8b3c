import {
  chinaDay,
  PAGE_SIZE,
  type CareStatus,
  type ContactCandidate,
  type ContactPerson,
  type ObservationClass,
} from '@gridguard/types';
import {
  careStatus,
  contactMembership,
  householdTags,
  pickable,
  staffSecretId,
  staffToCall,
} from '../domain/contacts';
import { AppError } from '../domain/errors';
import { dayOfObservation, totalDays } from '../domain/observation';
import { may, personTarget, type Actor } from '../domain/policy';
import type {
  HealthReportDoc,
  HouseholdDoc,
  MembershipDoc,
  ObservationDoc,
  PersonDoc,
} from '../domain/records';
import { pathOf } from '../domain/tree';
import type { ContactData, LinkScope } from '../runtime/contact-data';
import type { AuditEntry, GridData } from '../runtime/data';
import type { HealthData } from '../runtime/health-data';
import type { ActionContext, ActionHandlers } from '../runtime/router';
import { authoriseAnywhere, gridInScope, gridNames, inScope } from './common';
import { observationInScope } from './returns';

const NOT_A_CONTACT = '该党员不是这些住户所在网格或上级网格的已确认党员';

/**
 * Whose links a list shows: the caller's own, within the nodes they serve as a confirmed member
 * (a member who left a node no longer sees its households); the command centre's everywhere.
 * Someone who serves nowhere (a resident, a newcomer, a member not yet confirmed) is refused.
 */
function linkScope(actor: Actor): LinkScope {
  if (actor.command) return { openid: actor.openid, within: null };
  const within = actor.memberships.filter((m) => m.pending !== true).map((m) => m.gridId);
  if (within.length === 0) throw new AppError('FORBIDDEN', '只有网格团队的成员有联系住户');
  return { openid: actor.openid, within: [...new Set(within)] };
}

function candidateView(m: MembershipDoc, names: ReadonlyMap<string, string>): ContactCandidate {
  return {
    openid: m.openid,
    name: m.name,
    kind: m.kind,
    party: m.party,
    gridId: m.gridId,
    gridName: names.get(m.gridId) ?? '',
  };
}

/** Day N of M of an open observation (0 before an arrival registered ahead of time). */
const counter = (o: ObservationDoc, today: string) => ({
  dayNumber: Math.max(0, Math.min(dayOfObservation(o, today), totalDays(o))),
  totalDays: totalDays(o),
});

const byId = <T extends { _id: string }>(docs: readonly T[]) =>
  new Map(docs.map((d) => [d._id, d]));
const reportsByPerson = (reports: readonly HealthReportDoc[]) =>
  new Map(reports.map((r) => [r.personId, r]));

/** A person's standing today, and the open observation behind it if any. */
export interface Standing {
  status: CareStatus;
  observation: ObservationDoc | undefined;
}

/**
 * How these people stand today, read for all of them in two calls (their open observations and
 * today's reports) however many they are: 我联系的住户 and the register's household tags.
 */
export async function standingToday(
  links: ContactData,
  personIds: readonly string[],
  today: string,
): Promise<(personId: string) => Standing> {
  const [observations, reports] = await Promise.all([
    links.openObservationsOf(personIds),
    links.reportsOn(personIds, today),
  ]);
  const observationOf = byId(observations);
  const reportOf = reportsByPerson(reports);
  return (personId) => {
    const observation = observationOf.get(personId);
    return { status: careStatus(observation, reportOf.get(personId), today), observation };
  };
}

/**
 * contacts: 户联系 (a leader names a party member of the node or above as the contact of
 * households; the member's 我联系的住户 with today's status) and 关爱协管员 (the team a leader
 * picks a carer from; the carer's 我照看的居家观察对象).
 */
export function contactActions(
  grids: GridData,
  links: ContactData,
  health: HealthData,
): ActionHandlers<'contacts'> {
  const personView = (
    actor: Actor,
    p: PersonDoc,
    { status, observation }: Standing,
    today: string,
  ): ContactPerson => ({
    id: p._id,
    name: p.name,
    relation: p.relation,
    phoneMasked: p.phoneMasked,
    mayRevealPhone: p.phoneMasked !== null && may(actor, 'person.revealPhone', personTarget(p)),
    status,
    observation: observation
      ? { class: observation.class as ObservationClass, ...counter(observation, today) }
      : null,
  });

  /** The grid member the household calls, and their phone on record (null: none kept). */
  const staffOf = async (household: HouseholdDoc) => {
    const path = household.contact ? [] : await grids.grids(household.gridPath);
    const staff = staffToCall(household, path);
    if (!staff) return null;
    return { ...staff, phone: await staffPhone(staff.openid) };
  };
  /** A member's own phone, else the one on their record as a resident. */
  const staffPhone = async (openid: string): Promise<string | null> => {
    const own = await grids.secretOf(staffSecretId(openid));
    if (own?.phone) return own.phone;
    const personId = (await grids.user(openid))?.personId;
    return personId ? ((await grids.secretOf(personId))?.phone ?? null) : null;
  };
  /** The caller's own household; someone in none has nobody to report for and nobody to call. */
  const ownHousehold = async (ctx: ActionContext) => {
    const actor = await ctx.actor();
    const household = actor.householdId ? await grids.household(actor.householdId) : null;
    return { actor, household };
  };

  return {
    async candidates({ gridId }, ctx) {
      const grid = await gridInScope(grids, await ctx.actor(), 'households.manage', gridId);
      const path = pathOf(grid);
      const [team, names] = await Promise.all([grids.membersOn(path), gridNames(grids, path)]);
      return { items: pickable(team, path, true).map((m) => candidateView(m, names)) };
    },

    async assign({ householdIds, openid }, ctx) {
      const actor = await ctx.actor();
      authoriseAnywhere(actor, 'households.manage');
      const ids = [...new Set(householdIds)];
      const found = byId(await links.householdsByIds(ids));
      // Every household must be the caller's to manage; one missing is refused like one out of scope.
      const households = ids.map((id) =>
        inScope(
          actor,
          found.get(id) ?? null,
          (h) => may(actor, 'households.manage', { gridPath: h.gridPath }),
          '住户不存在',
        ),
      );
      let contact: { openid: string; name: string; party: boolean } | null = null;
      if (openid !== null) {
        const memberships = await grids.membershipsOf(openid);
        const places = households.map((h) => contactMembership(memberships, openid, h.gridPath));
        const first = places[0];
        if (!first || places.some((m) => m === null))
          throw new AppError('NOT_FOUND', NOT_A_CONTACT);
        contact = { openid, name: first.name, party: true };
      }
      // A household that already has this contact is left as it is: a retry changes nothing.
      const changed = households.filter((h) =>
        contact === null
          ? h.contact !== null
          : h.contact?.openid !== contact.openid || h.contact.name !== contact.name,
      );
      await links.setContact(
        changed.map((h) => h._id),
        contact,
      );
      const entries: AuditEntry[] = changed.map((h) => ({
        actor: actor.openid,
        action: contact ? 'household.contact' : 'household.contactClear',
        gridId: h.gridId,
        gridPath: h.gridPath,
        target: h._id,
        detail: {
          before: h.contact && { openid: h.contact.openid, name: h.contact.name },
          after: contact && { openid: contact.openid, name: contact.name },
        },
      }));
      await links.recordAll(entries);
      return {
        updated: changed.length,
        contact: contact && { name: contact.name, party: contact.party },
      };
    },

    async mine({ page }, ctx) {
      const actor = await ctx.actor();
      const scope = linkScope(actor);
      const today = chinaDay(Date.now());
      const { items, total } = await links.contacted(scope, page);
      const [people, names] = await Promise.all([
        grids.peopleOf(items.map((h) => h._id)),
        gridNames(
          grids,
          items.map((h) => h.gridId),
        ),
      ]);
      // The page's status in two calls, however many households and people it holds.
      const standing = await standingToday(
        links,
        people.map((p) => p._id),
        today,
      );
      return {
        items: items.map((h) => {
          const members = people
            .filter((p) => p.householdId === h._id)
            .map((p) => personView(actor, p, standing(p._id), today));
          return {
            id: h._id,
            address: h.address,
            gridId: h.gridId,
            gridName: names.get(h.gridId) ?? '',
            people: members,
            tags: householdTags(members.map((p) => p.status)),
          };
        }),
        page,
        pageSize: PAGE_SIZE,
        total,
      };
    },

    async family(_input, ctx) {
      const { actor, household } = await ownHousehold(ctx);
      if (!household) return null;
      const today = chinaDay(Date.now());
      const people = await grids.peopleOf([household._id]);
      const personIds = people.map((p) => p._id);
      const [observations, reports, staff] = await Promise.all([
        links.openObservationsOf(personIds),
        links.reportsOn(personIds, today),
        staffOf(household),
      ]);
      const observationOf = byId(observations);
      const reportOf = reportsByPerson(reports);
      const isSelf = (p: PersonDoc) => p.openid === actor.openid;
      return {
        day: today,
        address: household.address,
        people: [...people.filter(isSelf), ...people.filter((p) => !isSelf(p))].map((p) => {
          const observation = observationOf.get(p._id);
          const report = reportOf.get(p._id);
          return {
            personId: p._id,
            name: p.name,
            relation: p.relation,
            self: isSelf(p),
            status: careStatus(observation, report, today),
            report: report ? { temperature: report.temperature, abnormal: report.abnormal } : null,
            observation: observation
              ? { class: observation.class as ObservationClass, ...counter(observation, today) }
              : null,
          };
        }),
        staff: staff && { name: staff.name, role: staff.role, callable: staff.phone !== null },
      };
    },

    async callStaff(_input, ctx) {
      const { actor, household } = await ownHousehold(ctx);
      if (!household) throw new AppError('FORBIDDEN', '加入住户后才能联系网格员');
      const staff = await staffOf(household);
      if (!staff) throw new AppError('NOT_FOUND', '您的住户暂无户联系或网格长');
      if (!staff.phone) throw new AppError('NOT_FOUND', `${staff.name}未登记手机号`);
      await grids.record({
        actor: actor.openid,
        action: 'staff.reveal',
        gridId: household.gridId,
        gridPath: household.gridPath,
        target: staff.openid,
        detail: { role: staff.role },
      });
      return { name: staff.name, phone: staff.phone };
    },

    async carers({ personId }, ctx) {
      const observation = await observationInScope(grids, health, await ctx.actor(), personId);
      const path = observation.gridPath;
      const [team, names] = await Promise.all([grids.membersOn(path), gridNames(grids, path)]);
      return {
        items: pickable(team, path, false).map((m) => candidateView(m, names)),
        current: observation.care?.carer?.openid ?? null,
      };
    },

    async cared({ page }, ctx) {
      const actor = await ctx.actor();
      const scope = linkScope(actor);
      const today = chinaDay(Date.now());
      const { items, total } = await links.cared(scope, page);
      const personIds = items.map((o) => o.personId);
      const [people, households, names, reports] = await Promise.all([
        grids.peopleByIds(personIds),
        links.householdsByIds([...new Set(items.map((o) => o.householdId))]),
        gridNames(
          grids,
          items.map((o) => o.gridId),
        ),
        links.reportsOn(personIds, today),
      ]);
      const personOf = byId(people);
      const householdOf = byId(households);
      const reportOf = reportsByPerson(reports);
      return {
        items: items.map((o) => {
          const person = personOf.get(o.personId);
          return {
            personId: o.personId,
            name: o.name,
            address: householdOf.get(o.householdId)?.address ?? '',
            gridName: names.get(o.gridId) ?? '',
            class: o.class,
            status: careStatus(o, reportOf.get(o.personId), today),
            ...counter(o, today),
            lastReportDay: o.lastReportDay,
            phoneMasked: person?.phoneMasked ?? null,
            mayRevealPhone:
              person !== undefined &&
              person.phoneMasked !== null &&
              may(actor, 'person.revealPhone', personTarget(person)),
          };
        }),
        page,
        pageSize: PAGE_SIZE,
        total,
      };
    },
  };
}
