import {
  campaignFindingsPagePath,
  chinaTime,
  LETTER_TARGET_KINDS,
  MAX_ASSIGNED_AT_ONCE,
  OPEN_TARGET_KINDS,
  PAGE_SIZE,
  SIGNER_ROLE_LABELS,
  TARGET_KIND_LABELS,
  type CampaignView,
  type CoverageRow,
  type FindingRow,
  type PledgeState,
  type TargetDetail,
  type TargetKind,
  type TargetRow,
} from '@gridguard/types';
import {
  assignmentId,
  campaignIdFor,
  campaignPerson,
  checklistFrom,
  decideVisit,
  enterpriseTargets,
  feverReport,
  householdTargets,
  isSettled,
  letterHashOf,
  lowestFirst,
  memberProgress,
  pledgeId,
  ratesOf,
  rentalTargets,
  sortKeyOf,
  toCampaignRow,
  toFollowUpView,
  toVisitState,
  toVisitView,
  visitId,
  visitRecordFrom,
  zeroCoverage,
  type AssignmentDoc,
  type CampaignDoc,
  type Person,
  type TargetKindSpec,
  type TargetSpot,
  type VisitDoc,
} from '../domain/campaigns';
import { AppError } from '../domain/errors';
import { may, type Actor } from '../domain/policy';
import type { PersonDoc } from '../domain/records';
import { pathOf } from '../domain/tree';
import type { CampaignData, CampaignNode, TargetRecord } from '../runtime/campaign-data';
import type { GridData } from '../runtime/data';
import type { HealthData } from '../runtime/health-data';
import type { ActionHandlers } from '../runtime/router';
import { CAMPAIGN_CLOSED, campaignAccess } from './campaign-access';
import { coverageByRound } from './campaign-coverage';
import { authoriseAnywhere, gridInScope, inScope, short, type Notify } from './common';
import { fileReport, nearestLeader } from './reports';

/** How each kind of target is named and placed. */
const TARGET_SPECS: Record<TargetKind, TargetKindSpec<TargetRecord>> = {
  household: householdTargets,
  rental: rentalTargets,
  enterprise: enterpriseTargets,
};
/** A target's label and place by its kind (the export names its rows the same way). */
export const spotOf = (kind: TargetKind, record: TargetRecord): TargetSpot =>
  TARGET_SPECS[kind].spot(record);

/** Everyone of the register a rental names: its landlord first, then its tenants. */
const rentalPeopleIds = (record: TargetRecord): string[] => [
  ...new Set([
    ...(record.landlordId ? [record.landlordId] : []),
    ...(record.tenants ?? []).map((t) => t.personId),
  ]),
];

/** Tries at a door changed by someone else between the read and the write. */
const VISIT_WRITE_TRIES = 5;
const ASSIGN_WRITE_TRIES = 3;

/**
 * 洗楼 / 排查 campaigns: started, advanced and closed by leaders over the campaign's node,
 * targets assigned by leaders over them to confirmed staff on their path, visits recorded by
 * confirmed staff in scope (one outcome per target per round), coverage read by anyone who can
 * read the node. Each action authorises before it reads and refuses before it writes.
 */
export function campaignActions(
  grids: GridData,
  data: CampaignData,
  health: HealthData,
  notify: Notify,
): Omit<ActionHandlers<'campaigns'>, 'export' | 'signatureTarget' | 'sign' | 'pledge'> {
  const {
    actorNodes,
    nodesInside,
    campaignFor,
    nodeIn,
    roundAsked,
    visitableTarget,
    readableTarget,
    refuseUnlessOpen,
  } = campaignAccess(grids, data);

  const view = async (campaign: CampaignDoc, actor: Actor): Promise<CampaignView> => {
    const target = { gridPath: campaign.gridPath };
    const run = may(actor, 'campaign.run', target);
    const confirmed = (m: Actor['memberships'][number]) => m.pending !== true;
    const leads = (m: Actor['memberships'][number]) => confirmed(m) && m.kind === 'leader';
    const [assignInside, visitInside] =
      actor.command || run
        ? [true, true]
        : await Promise.all([
            nodesInside(actor, campaign, leads).then((n) => n.length > 0),
            nodesInside(actor, campaign, confirmed).then((n) => n.length > 0),
          ]);
    return {
      ...toCampaignRow(campaign),
      checklist: campaign.checklist,
      letter: campaign.letter,
      letterHash: campaign.letter === null ? null : letterHashOf(campaign.letter),
      maxAttempts: campaign.maxAttempts,
      createdBy: campaign.createdBy.name,
      createdAt: campaign.createdAt.toISOString(),
      may: {
        run,
        assign: run || assignInside,
        visit: may(actor, 'campaign.visit', target) || visitInside,
      },
    };
  };

  const rowOf = (
    target: Pick<AssignmentDoc, 'targetId' | 'kind' | 'label' | 'building' | 'gridId'>,
    assignee: Person | null,
    visit: VisitDoc | undefined,
    pledge: PledgeState | null,
  ): TargetRow => ({
    id: target.targetId,
    kind: target.kind,
    label: target.label,
    building: target.building,
    gridId: target.gridId,
    assignee: assignee && { openid: assignee.openid, name: assignee.name },
    visit: visit ? toVisitState(visit) : null,
    pledge,
  });

  /** 已签/未签 of each target, read only for a campaign with a 责任书. */
  const pledgeStates = async (campaign: CampaignDoc, targetIds: readonly string[]) => {
    if (campaign.letter === null) return () => null;
    const signed = new Set(
      (await data.pledgesByIds(targetIds.map((t) => pledgeId(campaign._id, t)))).map(
        (p) => p.targetId,
      ),
    );
    return (targetId: string): PledgeState => (signed.has(targetId) ? 'signed' : 'unsigned');
  };

  /**
   * Who is at a target for a finding about someone: a household's people, a rental's landlord
   * and tenants; an enterprise has nobody of the register.
   */
  const peopleAt = async (
    kind: TargetKind,
    record: TargetRecord,
  ): Promise<(Pick<PersonDoc, '_id' | 'name' | 'gridPath'> & { relation: string })[]> => {
    if (kind === 'household') return data.peopleOf([record._id]);
    if (kind === 'enterprise') return [];
    const ids = rentalPeopleIds(record);
    const found = new Map((await data.peopleByIds(ids)).map((p) => [p._id, p]));
    return ids.flatMap((id) => {
      const p = found.get(id);
      return p ? [{ ...p, relation: id === record.landlordId ? '房东' : '租客' }] : [];
    });
  };

  /** Who signs the 责任书 at a target: the landlord (by the register) or the 负责人. */
  const signerAt = async (
    kind: TargetKind,
    record: TargetRecord,
    people: readonly { _id: string; name: string }[] | null,
  ): Promise<TargetDetail['signer']> => {
    const role = SIGNER_ROLE_LABELS[kind];
    if (!role) return null;
    if (kind === 'enterprise') return record.leaderName ? { name: record.leaderName, role } : null;
    const landlordId = record.landlordId;
    if (!landlordId) return null;
    const landlord =
      people?.find((p) => p._id === landlordId) ?? (await data.peopleByIds([landlordId]))[0];
    return landlord ? { name: landlord.name, role } : null;
  };

  const findingRow = (v: VisitDoc): FindingRow => {
    if (!v.finding || !v.followUp) throw new Error('a finding without its follow-up');
    return {
      id: `${v.round}-${v.targetId}`,
      round: v.round,
      targetId: v.targetId,
      label: v.label,
      gridId: v.gridId,
      finding: toVisitState(v).finding ?? {
        kind: v.finding.kind,
        personId: null,
        personName: null,
        temperature: null,
        symptoms: [],
      },
      note: v.note,
      by: v.by.name,
      at: v.at.toISOString(),
      followUp: toFollowUpView(v.followUp),
    };
  };

  /**
   * What a fever found at the door sets off: the person's 一日一报 (an observed person's
   * observation escalates and their leader is alerted on that path); for anyone not under
   * observation the nearest leader is told here, opening the campaign's 问题跟进. Run once the
   * visit is stored, and again by a retry of the same visit until marked done.
   */
  const feverEffects = async (
    visit: VisitDoc,
    campaign: CampaignDoc,
    person: PersonDoc,
    actor: Actor,
  ) => {
    const fever = feverReport(visit.finding);
    if (!fever) return;
    const { alerted } = await fileReport(
      grids,
      health,
      notify,
      person,
      {
        temperature: fever.temperature,
        symptoms: fever.symptoms,
        note: short(`排查走访发现：${visit.note}`, 200),
      },
      actor.openid,
    );
    if (!alerted) {
      const nearest = nearestLeader(person.gridPath, await grids.grids(person.gridPath));
      if (nearest) {
        await notify({
          touser: nearest.leader.openid,
          template: 'feverAlert',
          page: campaignFindingsPagePath(campaign._id, nearest.gridId),
          data: {
            name1: short(person.name, 10),
            thing2: short(`${campaign.name}发现发热，请跟进`, 20),
            time3: chinaTime(visit.at),
          },
        });
      }
    }
    await data.effectsDone(visit._id);
  };

  return {
    async start(input, ctx) {
      const actor = await ctx.actor();
      const grid = await gridInScope(grids, actor, 'campaign.run', input.gridId);
      if (!OPEN_TARGET_KINDS.includes(input.kind)) {
        throw new AppError(
          'INVALID_INPUT',
          `${TARGET_KIND_LABELS[input.kind]}尚未建立登记，暂不能发起排查`,
        );
      }
      if (input.letter && !LETTER_TARGET_KINDS.includes(input.kind)) {
        throw new AppError('INVALID_INPUT', '只有出租屋和企业排查可以附责任书');
      }
      const checklist = checklistFrom(input.checklist);
      const id = campaignIdFor(actor.openid, input.key);
      const earlier = await data.campaign(id);
      if (earlier) {
        // The same form again (a retry, a double tap): it was started, answer with it.
        if (earlier.gridId !== grid._id) {
          throw new AppError('CONFLICT', '提交编号已被使用，请重新填写');
        }
        return view(earlier, actor);
      }
      const now = new Date();
      const by = campaignPerson(actor);
      const campaign: CampaignDoc = {
        _id: id,
        name: input.name,
        kind: input.kind,
        gridId: grid._id,
        gridPath: pathOf(grid),
        gridName: grid.name,
        startDay: input.startDay,
        endDay: input.endDay,
        rounds: input.rounds,
        round: 1,
        status: 'active',
        checklist,
        letter: input.letter ? input.letter : null,
        maxAttempts: input.maxAttempts,
        createdBy: by,
        createdAt: now,
        updatedAt: now,
        history: [{ event: 'start', round: 1, by, at: now }],
      };
      if (!(await data.addCampaign(campaign))) {
        const made = await data.campaign(id);
        if (!made || made.gridId !== grid._id) throw new AppError('CONFLICT');
        return view(made, actor);
      }
      await grids.record({
        actor: actor.openid,
        action: 'campaign.start',
        gridId: grid._id,
        gridPath: campaign.gridPath,
        target: id,
        detail: { name: campaign.name, kind: campaign.kind, rounds: campaign.rounds },
      });
      return view(campaign, actor);
    },

    async list({ gridId, page }, ctx) {
      const actor = await ctx.actor();
      authoriseAnywhere(actor, 'grid.read');
      let scope: { within: string[] | null; above: string[] };
      if (gridId) {
        const node = await gridInScope(grids, actor, 'grid.read', gridId);
        scope = { within: [node._id], above: node.ancestors };
      } else if (actor.command) {
        scope = { within: null, above: [] };
      } else {
        const nodes = await actorNodes(actor);
        scope = {
          within: nodes.map((g) => g._id),
          above: [...new Set(nodes.flatMap((g) => g.ancestors))],
        };
      }
      const { items, total } = await data.campaignsFor(scope.within, scope.above, page);
      return { items: items.map(toCampaignRow), page, pageSize: PAGE_SIZE, total };
    },

    async detail({ campaignId }, ctx) {
      const actor = await ctx.actor();
      return view(await campaignFor(actor, campaignId, 'grid.read'), actor);
    },

    async advance({ campaignId, round }, ctx) {
      const actor = await ctx.actor();
      authoriseAnywhere(actor, 'campaign.run');
      const campaign = inScope(
        actor,
        await data.campaign(campaignId),
        (c) => may(actor, 'campaign.run', { gridPath: c.gridPath }),
        '该排查不存在',
      );
      if (campaign.status === 'closed') throw new AppError('CONFLICT', CAMPAIGN_CLOSED);
      if (round !== campaign.round) {
        throw new AppError('CONFLICT', `当前已是第${campaign.round}轮，请刷新后查看`);
      }
      if (round >= campaign.rounds) throw new AppError('CONFLICT', '已是最后一轮，请结束排查');
      const by = campaignPerson(actor);
      if (!(await data.advanceRound(campaign._id, round, by, new Date()))) {
        throw new AppError('CONFLICT', '该排查刚有变动，请刷新后查看');
      }
      await grids.record({
        actor: actor.openid,
        action: 'campaign.advance',
        gridId: campaign.gridId,
        gridPath: campaign.gridPath,
        target: campaign._id,
        detail: { from: round, to: round + 1 },
      });
      return view({ ...campaign, round: round + 1 }, actor);
    },

    async close({ campaignId }, ctx) {
      const actor = await ctx.actor();
      authoriseAnywhere(actor, 'campaign.run');
      const campaign = inScope(
        actor,
        await data.campaign(campaignId),
        (c) => may(actor, 'campaign.run', { gridPath: c.gridPath }),
        '该排查不存在',
      );
      // Closing twice (a retry) answers with the closed campaign and records nothing more.
      if (campaign.status === 'closed') return view(campaign, actor);
      if (
        !(await data.closeCampaign(campaign._id, campaign.round, campaignPerson(actor), new Date()))
      ) {
        const now = await data.campaign(campaign._id);
        if (now?.status === 'closed') return view(now, actor);
        throw new AppError('CONFLICT', '该排查刚有变动，请刷新后查看');
      }
      await grids.record({
        actor: actor.openid,
        action: 'campaign.close',
        gridId: campaign.gridId,
        gridPath: campaign.gridPath,
        target: campaign._id,
        detail: { round: campaign.round },
      });
      return view({ ...campaign, status: 'closed' }, actor);
    },

    async assignOptions({ campaignId, gridId }, ctx) {
      const actor = await ctx.actor();
      const campaign = await campaignFor(actor, campaignId, 'campaign.run');
      const node = await nodeIn(actor, campaign, gridId, 'campaign.run');
      const leaf = node.childCount === 0;
      const path = pathOf(node);
      const [buildings, team, names] = await Promise.all([
        leaf ? data.buildings(campaign.kind, node._id) : Promise.resolve([]),
        grids.membersOn(path),
        grids.grids(path),
      ]);
      const nameOf = new Map(names.map((g) => [g._id, g.name]));
      // Nearest node first: a leaf's own team before the village's.
      const depth = (id: string) => -path.indexOf(id);
      return {
        nodeName: node.name,
        leaf,
        buildings: buildings.sort((a, b) =>
          a.name.localeCompare(b.name, 'zh-Hans-CN', { numeric: true }),
        ),
        team: [...team]
          .sort((a, b) => depth(a.gridId) - depth(b.gridId) || a.name.localeCompare(b.name))
          .filter((m, i, all) => all.findIndex((o) => o.openid === m.openid) === i)
          .map((m) => ({
            openid: m.openid,
            name: m.name,
            kind: m.kind,
            gridName: nameOf.get(m.gridId) ?? '',
          })),
      };
    },

    async assign({ campaignId, gridId, building, targetIds, openid }, ctx) {
      const actor = await ctx.actor();
      const campaign = await campaignFor(actor, campaignId, 'campaign.run');
      if (campaign.status === 'closed') throw new AppError('CONFLICT', CAMPAIGN_CLOSED);
      const node = await nodeIn(actor, campaign, gridId, 'campaign.run');
      if (building !== undefined && targetIds !== undefined) {
        throw new AppError('INVALID_INPUT', '按楼栋或按指定对象分配，只能选一种');
      }
      if (building !== undefined && node.childCount > 0) {
        throw new AppError('INVALID_INPUT', '按楼栋分配请进入最末一级网格');
      }
      // The assignee before the targets: a refusal here reads no register.
      let assignee: Person | null = null;
      let theirNodes: string[] = [];
      if (openid !== null) {
        const held = (await grids.membershipsOf(openid)).filter((m) => m.pending !== true);
        if (held.length === 0) {
          throw new AppError('INVALID_INPUT', '该成员不在网格中或尚未确认身份');
        }
        assignee = { openid, name: held[0]?.name ?? '' };
        theirNodes = held.map((m) => m.gridId);
      }
      const kind = campaign.kind;
      let records: TargetRecord[];
      if (targetIds !== undefined) {
        records = await data.targetsByIds(kind, targetIds);
        if (
          records.length !== targetIds.length ||
          records.some((r) => !r.gridPath.includes(node._id))
        ) {
          throw new AppError('INVALID_INPUT', '有对象不在该网格下，请刷新后重新选择');
        }
      } else if (building !== undefined) {
        records = await data.inBuilding(kind, node._id, building);
        if (records.length === 0) throw new AppError('INVALID_INPUT', '该楼栋没有可分配的对象');
      } else {
        const total = await data.countUnder(kind, node._id);
        if (total === 0) throw new AppError('INVALID_INPUT', '该网格下没有可分配的对象');
        if (total > MAX_ASSIGNED_AT_ONCE) {
          throw new AppError(
            'INVALID_INPUT',
            `一次最多分配 ${MAX_ASSIGNED_AT_ONCE} 个对象，请进入下级网格分配`,
          );
        }
        records = await data.under(kind, node._id);
      }
      if (assignee) {
        const outside = records.find((r) => !theirNodes.some((id) => r.gridPath.includes(id)));
        if (outside) {
          throw new AppError(
            'INVALID_INPUT',
            `${assignee.name || '该成员'}不在「${spotOf(kind, outside).label}」所在网格的队伍中`,
          );
        }
      }
      const ids = records.map((r) => assignmentId(campaign._id, r._id));
      const now = new Date();
      if (assignee === null) {
        await data.unassign(campaign._id, ids);
      } else {
        let done = false;
        for (let attempt = 0; attempt < ASSIGN_WRITE_TRIES && !done; attempt += 1) {
          const existing = new Set((await data.assignments(ids)).map((a) => a._id));
          const fresh = records
            .filter((r) => !existing.has(assignmentId(campaign._id, r._id)))
            .map((r): AssignmentDoc => {
              const spot = spotOf(kind, r);
              return {
                _id: assignmentId(campaign._id, r._id),
                campaignId: campaign._id,
                kind,
                targetId: r._id,
                gridId: r.gridId,
                gridPath: [...r.gridPath],
                label: spot.label,
                building: spot.building,
                sortKey: sortKeyOf(spot, r._id),
                assignee,
                assignedBy: actor.openid,
                at: now,
              };
            });
          done = await data.assign(campaign._id, [...existing], fresh, assignee, actor.openid, now);
        }
        if (!done) throw new AppError('CONFLICT', '这些对象正被他人同时分配，请刷新后重试');
      }
      await data.reassignVisits(
        campaign._id,
        campaign.round,
        records.map((r) => r._id),
        openid,
      );
      await grids.record({
        actor: actor.openid,
        action: 'campaign.assign',
        gridId: node._id,
        gridPath: pathOf(node),
        target: campaign._id,
        detail: {
          to: openid,
          by: targetIds ? 'targets' : building !== undefined ? 'building' : 'node',
          ...(building !== undefined && { building }),
          count: records.length,
        },
      });
      return { assigned: records.length };
    },

    async mine({ campaignId, page }, ctx) {
      const actor = await ctx.actor();
      const campaign = await campaignFor(actor, campaignId, 'grid.read');
      const [{ items, total }, done] = await Promise.all([
        data.mine(campaign._id, actor.openid, page),
        data.settledBy(campaign._id, campaign.round, actor.openid),
      ]);
      const [visits, pledgeOf] = await Promise.all([
        data.visitsByIds(items.map((a) => visitId(campaign._id, campaign.round, a.targetId))),
        pledgeStates(
          campaign,
          items.map((a) => a.targetId),
        ),
      ]);
      const byTarget = new Map(visits.map((v) => [v.targetId, v]));
      return {
        items: items.map((a) =>
          rowOf(a, a.assignee, byTarget.get(a.targetId), pledgeOf(a.targetId)),
        ),
        page,
        pageSize: PAGE_SIZE,
        total,
        round: campaign.round,
        done,
      };
    },

    async target({ campaignId, targetId }, ctx) {
      const actor = await ctx.actor();
      const { campaign, record } = await readableTarget(actor, campaignId, targetId);
      const [assignment, visit, people, grid, pledgeOf] = await Promise.all([
        data.assignment(assignmentId(campaign._id, record._id)),
        data.visit(visitId(campaign._id, campaign.round, record._id)),
        peopleAt(campaign.kind, record),
        grids.grid(record.gridId),
        pledgeStates(campaign, [record._id]),
      ]);
      const spot = spotOf(campaign.kind, record);
      const signer = await signerAt(campaign.kind, record, people);
      return {
        id: record._id,
        campaignId: campaign._id,
        round: campaign.round,
        kind: campaign.kind,
        label: spot.label,
        building: spot.building,
        gridId: record.gridId,
        gridName: grid?.name ?? '',
        assignee: assignment && {
          openid: assignment.assignee.openid,
          name: assignment.assignee.name,
        },
        people: people.map((p) => ({
          id: p._id,
          name: p.name,
          relation: p.relation,
          mayProxy: may(actor, 'household.proxy', { gridPath: p.gridPath }),
        })),
        signer,
        pledge: pledgeOf(record._id),
        visit: visit ? toVisitView(visit) : null,
      };
    },

    async visit(input, ctx) {
      const actor = await ctx.actor();
      const { campaign, record } = await visitableTarget(actor, input.campaignId, input.targetId);
      refuseUnlessOpen(campaign);
      if (input.round !== campaign.round) {
        throw new AppError(
          'CONFLICT',
          input.round < campaign.round
            ? `第${input.round}轮已结束，当前为第${campaign.round}轮`
            : '轮次不正确，请刷新后重试',
        );
      }
      const visitRecord = visitRecordFrom(input, campaign.checklist, campaign.kind);
      let person: PersonDoc | null = null;
      const personId = visitRecord.finding?.personId;
      if (personId) {
        // A household's own people; at a rental its landlord and tenants (a tenant's return is
        // declared through the rental he lives in).
        const listed =
          campaign.kind === 'rental'
            ? rentalPeopleIds(record).includes(personId)
            : campaign.kind === 'household';
        person = listed ? await grids.person(personId) : null;
        const here =
          person !== null && (campaign.kind !== 'household' || person.householdId === record._id);
        if (!here) {
          throw new AppError(
            'INVALID_INPUT',
            {
              household: '所选居民不在此户，请刷新后重新选择',
              rental: '所选人员不是该出租屋的房东或租客，请刷新后重新选择',
              enterprise: '企业没有登记的居民，请不要选择人员',
            }[campaign.kind],
          );
        }
      }
      const id = visitId(campaign._id, campaign.round, record._id);
      const [first, assignment] = await Promise.all([
        data.visit(id),
        data.assignment(assignmentId(campaign._id, record._id)),
      ]);
      const spot = spotOf(campaign.kind, record);
      const target = {
        campaignId: campaign._id,
        round: campaign.round,
        kind: campaign.kind,
        targetId: record._id,
        gridId: record.gridId,
        gridPath: [...record.gridPath],
        label: spot.label,
        building: spot.building,
        sortKey: sortKeyOf(spot, record._id),
        assignee: assignment?.assignee.openid ?? null,
      };
      const knock = {
        clientId: input.clientId,
        record: visitRecord,
        personName: person?.name ?? null,
        by: campaignPerson(actor),
        // A phone clock a little ahead never puts a knock in the future.
        at: new Date(Math.min(input.knockedAt ?? Date.now(), Date.now())),
      };
      let existing = first;
      for (let attempt = 0; attempt < VISIT_WRITE_TRIES; attempt += 1) {
        const decision = decideVisit(existing, target, knock, campaign.maxAttempts);
        if (decision.type === 'conflict') throw new AppError('CONFLICT', decision.message);
        let stored: VisitDoc | null = null;
        if (decision.type === 'replay' && existing) {
          stored = existing;
        } else if (decision.type === 'create' && (await data.addVisit(decision.doc))) {
          stored = decision.doc;
        } else if (
          decision.type === 'update' &&
          (await data.replaceVisit(decision.doc, decision.rev))
        ) {
          stored = decision.doc;
        }
        if (stored) {
          // A fever's report is finished by this call, or by a retry of this visit.
          const ours = stored.attempts.some(
            (a) => a.clientId === input.clientId && a.by.openid === actor.openid,
          );
          if (stored.pendingEffects && ours) {
            const subject =
              person ??
              (stored.finding?.personId ? await grids.person(stored.finding.personId) : null);
            if (subject) await feverEffects(stored, campaign, subject, actor);
          }
          return toVisitView(stored);
        }
        // Someone else's knock landed between the read and the write: judge against theirs.
        existing = await data.visit(id);
      }
      throw new AppError('CONFLICT', '该户正被他人同时记录，请稍后重试');
    },

    async revisits({ campaignId, gridId, page }, ctx) {
      const actor = await ctx.actor();
      const campaign = await campaignFor(actor, campaignId, 'grid.read');
      const who = gridId
        ? { gridId: (await nodeIn(actor, campaign, gridId, 'grid.read'))._id }
        : { openid: actor.openid };
      const { items, total } = await data.revisits(campaign._id, campaign.round, who, page);
      const [assignments, pledgeOf] = await Promise.all([
        data.assignments(items.map((v) => assignmentId(campaign._id, v.targetId))),
        pledgeStates(
          campaign,
          items.map((v) => v.targetId),
        ),
      ]);
      const assigned = new Map(assignments.map((a) => [a.targetId, a.assignee]));
      return {
        items: items.map((v) =>
          rowOf(v, assigned.get(v.targetId) ?? null, v, pledgeOf(v.targetId)),
        ),
        page,
        pageSize: PAGE_SIZE,
        total,
      };
    },

    async coverage({ campaignId, gridId, round: asked, page }, ctx) {
      const actor = await ctx.actor();
      const campaign = await campaignFor(actor, campaignId, 'grid.read');
      const node = await nodeIn(actor, campaign, gridId, 'grid.read');
      const round = roundAsked(campaign, asked);
      const nodes = await data.subtree(node._id);
      const totals =
        (await coverageByRound(data, campaign, nodes, [round])).get(round) ?? new Map();
      const rowFor = (n: CampaignNode): CoverageRow => {
        const figures = totals.get(n._id) ?? zeroCoverage();
        return {
          id: n._id,
          name: n.name,
          leaf: n.childCount === 0,
          figures: { ...figures, ...ratesOf(figures) },
        };
      };
      const self = nodes.find((n) => n._id === node._id);
      if (!self) throw new Error('the node is missing from its own subtree');
      const children = lowestFirst(nodes.filter((n) => n.parentId === node._id).map(rowFor));
      return {
        campaignId: campaign._id,
        round,
        rounds: campaign.rounds,
        node: rowFor(self),
        children: {
          items: children.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
          page,
          pageSize: PAGE_SIZE,
          total: children.length,
        },
      };
    },

    async members({ campaignId, gridId, round: asked, page }, ctx) {
      const actor = await ctx.actor();
      const campaign = await campaignFor(actor, campaignId, 'grid.read');
      const node = await nodeIn(actor, campaign, gridId, 'grid.read');
      const round = roundAsked(campaign, asked);
      const rows = memberProgress(
        await Promise.all([
          data.assignedPerMember(campaign._id, node._id),
          data.visitsPerMember(campaign._id, round, node._id),
        ]),
      ).map((m) => ({ ...m, name: m.name || '（已调整的成员）' }));
      return {
        items: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
        page,
        pageSize: PAGE_SIZE,
        total: rows.length,
      };
    },

    async doors({ campaignId, gridId, round: asked, pending, page }, ctx) {
      const actor = await ctx.actor();
      const campaign = await campaignFor(actor, campaignId, 'grid.read');
      const node = await nodeIn(actor, campaign, gridId, 'grid.read');
      if (node.childCount > 0)
        throw new AppError('INVALID_INPUT', '门户清单请进入最末一级网格查看');
      const round = roundAsked(campaign, asked);
      const [records, assigned, visited, signed] = await Promise.all([
        data.onLeaf(campaign.kind, node._id),
        data.onLeafAssigned(campaign._id, node._id),
        data.onLeafVisited(campaign._id, round, node._id),
        campaign.letter === null ? null : data.onLeafSigned(campaign._id, node._id),
      ]);
      const signedIds = signed && new Set(signed.map((p) => p.targetId));
      const pledgeOf = (id: string): PledgeState | null =>
        signedIds && (signedIds.has(id) ? 'signed' : 'unsigned');
      const assignees = new Map(assigned.map((a) => [a.targetId, a.assignee]));
      const visits = new Map(visited.map((v) => [v.targetId, v]));
      const rows = records
        .map((r) => {
          const spot = spotOf(campaign.kind, r);
          return { record: r, spot, sortKey: sortKeyOf(spot, r._id) };
        })
        .filter(({ record }) => {
          const visit = visits.get(record._id);
          return !pending || !visit || !isSettled(visit.outcome);
        })
        .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
      return {
        items: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ record, spot }) =>
          rowOf(
            {
              targetId: record._id,
              kind: campaign.kind,
              label: spot.label,
              building: spot.building,
              gridId: record.gridId,
            },
            assignees.get(record._id) ?? null,
            visits.get(record._id),
            pledgeOf(record._id),
          ),
        ),
        page,
        pageSize: PAGE_SIZE,
        total: rows.length,
      };
    },

    async findings({ campaignId, gridId, open, page }, ctx) {
      const actor = await ctx.actor();
      const campaign = await campaignFor(actor, campaignId, 'grid.read');
      const node = await nodeIn(actor, campaign, gridId, 'grid.read');
      const { items, total } = await data.findings(campaign._id, node._id, open, page);
      return { items: items.map(findingRow), page, pageSize: PAGE_SIZE, total };
    },

    async closeFinding({ campaignId, round, targetId, note }, ctx) {
      const actor = await ctx.actor();
      const campaign = await campaignFor(actor, campaignId, 'campaign.run');
      const visit = inScope(
        actor,
        await data.visit(visitId(campaign._id, round, targetId)),
        (v) => may(actor, 'campaign.run', { gridPath: v.gridPath }),
        '该问题记录不存在',
      );
      if (visit.outcome !== 'finding' || !visit.followUp) {
        throw new AppError('CONFLICT', '该户没有需要跟进的问题');
      }
      if (visit.followUp.status === 'closed') throw new AppError('CONFLICT', '该问题已处理');
      const by = campaignPerson(actor);
      const at = new Date();
      if (!(await data.closeFollowUp(visit._id, note, by, at))) {
        throw new AppError('CONFLICT', '该问题刚被他人处理，请刷新后查看');
      }
      await grids.record({
        actor: actor.openid,
        action: 'campaign.closeFinding',
        gridId: visit.gridId,
        gridPath: visit.gridPath,
        target: visit._id,
        detail: { note },
      });
      return findingRow({ ...visit, followUp: { status: 'closed', note, by, at } });
    },
  };
}
