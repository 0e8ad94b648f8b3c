import { chinaDay } from '@gridguard/types';
import type { CampaignDoc } from '../domain/campaigns';
import { AppError } from '../domain/errors';
import { may, type Actor, type Permission } from '../domain/policy';
import type { GridDoc } from '../domain/records';
import { pathOf } from '../domain/tree';
import type { CampaignData } from '../runtime/campaign-data';
import type { GridData } from '../runtime/data';
import { authoriseAnywhere, gridInScope, inScope } from './common';

const NOT_IN_CAMPAIGN = '该网格不在本次排查范围内';
export const CAMPAIGN_CLOSED = '该排查已结束';

/**
 * Who reaches a campaign and which of its nodes: the rules every campaign action (and the
 * export, in its own module) authorises by, before it reads anything else.
 */
export function campaignAccess(grids: GridData, data: CampaignData) {
  /** The caller's own nodes, read once per invocation when a rule needs their paths. */
  const nodesRead = new WeakMap<Actor, Promise<GridDoc[]>>();
  const actorNodes = (actor: Actor) => {
    let nodes = nodesRead.get(actor);
    if (!nodes) {
      nodes = grids.grids(actor.memberships.map((m) => m.gridId));
      nodesRead.set(actor, nodes);
    }
    return nodes;
  };
  /** The caller's nodes inside the campaign that pass `keep` (by the membership held there). */
  const nodesInside = async (
    actor: Actor,
    campaign: CampaignDoc,
    keep: (m: Actor['memberships'][number]) => boolean,
  ) => {
    const held = new Set(actor.memberships.filter(keep).map((m) => m.gridId));
    return (await actorNodes(actor)).filter(
      (g) => held.has(g._id) && pathOf(g).includes(campaign.gridId),
    );
  };

  /**
   * A campaign reaches the caller when it is on or under one of their nodes, or above one of
   * them (a town's campaign covers every village's staff).
   */
  const reaches = async (actor: Actor, campaign: CampaignDoc) =>
    may(actor, 'grid.read', { gridPath: campaign.gridPath }) ||
    (await nodesInside(actor, campaign, () => true)).length > 0;

  /** The campaign, if it reaches the caller; refused like one out of reach when missing. */
  const campaignFor = async (actor: Actor, id: string, permission: Permission) => {
    authoriseAnywhere(actor, permission);
    const campaign = await data.campaign(id);
    const reached = campaign !== null && (await reaches(actor, campaign));
    return inScope(actor, campaign, () => reached, '该排查不存在');
  };

  /** A node the caller holds the permission on, inside the campaign. */
  const nodeIn = async (
    actor: Actor,
    campaign: CampaignDoc,
    gridId: string,
    permission: Permission,
  ) => {
    const node = await gridInScope(grids, actor, permission, gridId);
    if (!pathOf(node).includes(campaign.gridId))
      throw new AppError('INVALID_INPUT', NOT_IN_CAMPAIGN);
    return node;
  };

  const roundAsked = (campaign: CampaignDoc, asked: number | undefined) => {
    const round = asked ?? campaign.round;
    if (round > campaign.round) throw new AppError('INVALID_INPUT', `第${round}轮尚未开始`);
    return round;
  };

  /**
   * A target the caller may knock at in a campaign: confirmed staff in scope of the target.
   * Refused before anything is read when the caller could never visit, and like a missing one
   * when out of scope.
   */
  const visitableTarget = async (actor: Actor, campaignId: string, targetId: string) => {
    authoriseAnywhere(actor, 'campaign.visit');
    const campaign = await data.campaign(campaignId);
    if (!campaign) return inScope<never>(actor, null, () => false, '该排查不存在');
    const record = inScope(
      actor,
      await data.target(campaign.kind, targetId),
      (r) => may(actor, 'campaign.visit', { gridPath: r.gridPath }),
      '该排查对象不存在',
    );
    if (!record.gridPath.includes(campaign.gridId)) {
      // Only someone the campaign reaches learns that this target is not part of it.
      if (!(await reaches(actor, campaign))) throw new AppError('FORBIDDEN');
      throw new AppError('INVALID_INPUT', '该对象不在本次排查范围内');
    }
    return { campaign, record };
  };

  /** A target of the campaign the caller may read (its visit form, its letter). */
  const readableTarget = async (actor: Actor, campaignId: string, targetId: string) => {
    const campaign = await campaignFor(actor, campaignId, 'households.read');
    const record = inScope(
      actor,
      await data.target(campaign.kind, targetId),
      (r) => may(actor, 'households.read', { gridPath: r.gridPath }),
      '该排查对象不存在',
    );
    if (!record.gridPath.includes(campaign.gridId)) {
      throw new AppError('INVALID_INPUT', '该对象不在本次排查范围内');
    }
    return { campaign, record };
  };

  const refuseUnlessOpen = (campaign: CampaignDoc) => {
    if (campaign.status === 'closed') throw new AppError('CONFLICT', CAMPAIGN_CLOSED);
    if (chinaDay(Date.now()) < campaign.startDay) {
      throw new AppError('CONFLICT', `排查将于 ${campaign.startDay} 开始`);
    }
  };

  return {
    actorNodes,
    nodesInside,
    reaches,
    campaignFor,
    nodeIn,
    roundAsked,
    visitableTarget,
    readableTarget,
    refuseUnlessOpen,
  };
}
