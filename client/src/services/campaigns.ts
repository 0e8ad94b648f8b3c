import {
  CHECK_KIND_LABELS,
  CHECK_KINDS,
  FINDING_KIND_LABELS,
  FINDING_KINDS,
  FINDING_KINDS_OF,
  formatRate,
  LETTER_TARGET_KINDS,
  OPEN_TARGET_KINDS,
  OUTCOME_LABELS,
  OUTCOMES,
  PLEDGE_STATE_LABELS,
  SETTLED_OUTCOMES,
  SIGNER_ROLE_LABELS,
  TARGET_KIND_LABELS,
  type ActionInput,
  type FunctionResult,
  type Outcome,
} from '@gridguard/types';
import { platform, type CanvasNode } from '../platform';
import { callAction } from './call-action';

export type {
  AnswerInput,
  AssignOptions,
  CampaignRow,
  CampaignView,
  ChecklistItem,
  ChecklistItemInput,
  CheckKind,
  CoverageRow,
  CoverageView,
  FindingKind,
  FindingRow,
  MemberProgress,
  MyTargetsPage,
  Outcome,
  PledgeState,
  PledgeView,
  StartCampaignInput,
  TargetDetail,
  TargetKind,
  TargetRow,
  VisitState,
  VisitView,
} from '@gridguard/types';
export {
  CHECK_KIND_LABELS,
  CHECK_KINDS,
  FINDING_KIND_LABELS,
  FINDING_KINDS,
  FINDING_KINDS_OF,
  formatRate,
  LETTER_TARGET_KINDS,
  OPEN_TARGET_KINDS,
  OUTCOME_LABELS,
  OUTCOMES,
  PLEDGE_STATE_LABELS,
  SIGNER_ROLE_LABELS,
  TARGET_KIND_LABELS,
};

/** Settled this round: 已入户, 拒绝 or 发现问题 (无人在家 waits for a revisit). */
export const isSettled = (outcome: Outcome) => SETTLED_OUTCOMES.includes(outcome);

/** A new id per visit form: sending the same visit again (a retry) records it once. */
export function newClientId(): string {
  return `v-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** Campaigns the caller can reach, or those that concern one node. */
export function listCampaigns(page: number, gridId?: string) {
  return callAction('campaigns', 'list', { page, ...(gridId && { gridId }) });
}

export function getCampaign(campaignId: string) {
  return callAction('campaigns', 'detail', { campaignId });
}

export function startCampaign(input: ActionInput<'campaigns', 'start'>) {
  return callAction('campaigns', 'start', input);
}

/** Opens the next round; only call after the user confirmed. */
export function advanceRound(campaignId: string, round: number) {
  return callAction('campaigns', 'advance', { campaignId, round, confirm: true });
}

/** Only call after the user confirmed. */
export function closeCampaign(campaignId: string) {
  return callAction('campaigns', 'close', { campaignId, confirm: true });
}

export function getAssignOptions(campaignId: string, gridId: string) {
  return callAction('campaigns', 'assignOptions', { campaignId, gridId });
}

/** Targets under `gridId` to a member (`openid`, or null to take them back). */
export function assignTargets(
  campaignId: string,
  gridId: string,
  openid: string | null,
  by: { building?: string; targetIds?: string[] } = {},
) {
  return callAction('campaigns', 'assign', { campaignId, gridId, openid, ...by });
}

/** 我的走访: the caller's targets this round, by building and door. */
export function myTargets(campaignId: string, page: number) {
  return callAction('campaigns', 'mine', { campaignId, page });
}

export function getTarget(campaignId: string, targetId: string) {
  return callAction('campaigns', 'target', { campaignId, targetId });
}

export type VisitInput = ActionInput<'campaigns', 'visit'>;

export function recordVisit(input: VisitInput) {
  return callAction('campaigns', 'visit', input);
}

/** 回访队列: the caller's own, or (with `gridId`) everyone's under a node. */
export function listRevisits(campaignId: string, page: number, gridId?: string) {
  return callAction('campaigns', 'revisits', { campaignId, page, ...(gridId && { gridId }) });
}

export function getCoverage(campaignId: string, gridId: string, page: number, round?: number) {
  return callAction('campaigns', 'coverage', {
    campaignId,
    gridId,
    page,
    ...(round !== undefined && { round }),
  });
}

export function listMemberProgress(campaignId: string, gridId: string, page: number) {
  return callAction('campaigns', 'members', { campaignId, gridId, page });
}

export function listDoors(campaignId: string, gridId: string, pending: boolean, page: number) {
  return callAction('campaigns', 'doors', { campaignId, gridId, pending, page });
}

export function listFindings(campaignId: string, gridId: string, open: boolean, page: number) {
  return callAction('campaigns', 'findings', { campaignId, gridId, open, page });
}

export function closeFinding(campaignId: string, round: number, targetId: string, note: string) {
  return callAction('campaigns', 'closeFinding', { campaignId, round, targetId, note });
}

/** Where to upload a 责任书's signature: a path the server names for this letter. */
export function signatureTarget(campaignId: string, targetId: string) {
  return callAction('campaigns', 'signatureTarget', { campaignId, targetId });
}

/**
 * The signature drawn on `canvas`, uploaded where the server says (a fresh name in the caller's
 * own folder, for this letter): answers the file id `signPledge` takes.
 */
export async function uploadSignature(
  campaignId: string,
  targetId: string,
  canvas: CanvasNode,
): Promise<FunctionResult<{ fileID: string }>> {
  const image = await platform.canvasImage(canvas);
  if (!image.ok) return image;
  const target = await signatureTarget(campaignId, targetId);
  if (!target.ok) return target;
  return platform.uploadFile(image.data.path, target.data.cloudPath);
}

/** Records the signed letter; sending it again with the same file answers with it. */
export function signPledge(input: ActionInput<'campaigns', 'sign'>) {
  return callAction('campaigns', 'sign', input);
}

export function getPledge(campaignId: string, targetId: string) {
  return callAction('campaigns', 'pledge', { campaignId, targetId });
}

/**
 * 导出 Excel of the campaign under `gridId` inside it: every target with each round's outcome and
 * answers, and the coverage. A temporary link the page hands to `openSpreadsheet`, never shows.
 */
export function exportCampaign(campaignId: string, gridId: string) {
  return callAction('campaigns', 'export', { campaignId, gridId });
}

/** How a door stands this round, in a few words for its row. */
export function visitSummary(visit: { outcome: Outcome; noHomeCount: number } | null): string {
  if (!visit) return '未走访';
  if (visit.outcome === 'noHome') return `无人在家 ${visit.noHomeCount} 次`;
  return OUTCOME_LABELS[visit.outcome];
}
