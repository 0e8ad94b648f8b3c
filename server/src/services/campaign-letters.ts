import { chinaTime, SIGNER_ROLE_LABELS, type PledgeView } from '@gridguard/types';
import {
  campaignPerson,
  isOwnSignature,
  letterHashOf,
  pledgeId,
  signaturePath,
  type CampaignDoc,
  type PledgeDoc,
} from '../domain/campaigns';
import { newCode } from '../domain/codes';
import { AppError } from '../domain/errors';
import type { Actor } from '../domain/policy';
import type { CampaignData, TargetRecord } from '../runtime/campaign-data';
import type { GridData } from '../runtime/data';
import type { ActionHandlers } from '../runtime/router';
import { campaignAccess } from './campaign-access';
import { spotOf } from './campaigns';
import { secureRandom } from './common';

/**
 * 责任书 of a campaign at rentals and enterprises (same `campaigns` router): the upload path the
 * server names for a signature, the signing (one letter per target per campaign: the same upload
 * again answers with it, another signing is CONFLICT), and reading a signed letter.
 */
export function campaignLetterActions(
  grids: GridData,
  data: CampaignData,
): Pick<ActionHandlers<'campaigns'>, 'signatureTarget' | 'sign' | 'pledge'> {
  const { visitableTarget, readableTarget, refuseUnlessOpen } = campaignAccess(grids, data);

  /** A target whose 责任书 the caller may have signed: one they may visit, in a letter campaign. */
  const letterTarget = async (actor: Actor, campaignId: string, targetId: string) => {
    const { campaign, record } = await visitableTarget(actor, campaignId, targetId);
    if (campaign.letter === null) throw new AppError('INVALID_INPUT', '本次排查没有责任书');
    return { campaign, letter: campaign.letter, record };
  };

  const pledgeView = (
    campaign: CampaignDoc,
    letter: string,
    record: TargetRecord,
    signed: PledgeDoc | null,
  ): PledgeView => ({
    campaignId: campaign._id,
    campaignName: campaign.name,
    targetId: record._id,
    label: spotOf(campaign.kind, record).label,
    letter,
    letterHash: letterHashOf(letter),
    signed: signed && {
      signerName: signed.signerName,
      signerRole: signed.signerRole,
      witness: signed.by.name,
      at: signed.at.toISOString(),
      fileId: signed.fileId,
      letterHash: signed.letterHash,
    },
  });

  /** A second signing of a letter: the same upload again is a retry, anything else is refused. */
  const signedAlready = (existing: PledgeDoc, fileId: string, openid: string) => {
    if (existing.fileId === fileId && existing.by.openid === openid) return existing;
    throw new AppError(
      'CONFLICT',
      `该责任书已由${existing.signerName}于 ${chinaTime(existing.at)} 签署`,
    );
  };

  return {
    async signatureTarget({ campaignId, targetId }, ctx) {
      const actor = await ctx.actor();
      const { campaign, record } = await letterTarget(actor, campaignId, targetId);
      refuseUnlessOpen(campaign);
      const existing = await data.pledge(pledgeId(campaign._id, record._id));
      if (existing) {
        throw new AppError(
          'CONFLICT',
          `该责任书已由${existing.signerName}于 ${chinaTime(existing.at)} 签署`,
        );
      }
      const nonce = newCode(12, secureRandom).toLowerCase();
      return { cloudPath: signaturePath(ctx.caller.openid, campaign._id, record._id, nonce) };
    },

    async sign({ campaignId, targetId, signerName, letterHash, fileId }, ctx) {
      const actor = await ctx.actor();
      const { campaign, letter, record } = await letterTarget(actor, campaignId, targetId);
      const id = pledgeId(campaign._id, record._id);
      const existing = await data.pledge(id);
      // A retry of a signing that went through answers with it, whatever has changed since.
      if (existing) {
        return pledgeView(campaign, letter, record, signedAlready(existing, fileId, actor.openid));
      }
      refuseUnlessOpen(campaign);
      const hash = letterHashOf(letter);
      if (letterHash !== hash) {
        throw new AppError('CONFLICT', '责任书内容与签署时显示的不一致，请刷新后重新签署');
      }
      if (!isOwnSignature(fileId, actor.openid, campaign._id, record._id)) {
        throw new AppError('INVALID_INPUT', '请使用刚才为该责任书上传的签名');
      }
      const spot = spotOf(campaign.kind, record);
      const doc: PledgeDoc = {
        _id: id,
        campaignId: campaign._id,
        kind: campaign.kind,
        targetId: record._id,
        gridId: record.gridId,
        gridPath: [...record.gridPath],
        label: spot.label,
        letterHash: hash,
        signerName,
        signerRole: SIGNER_ROLE_LABELS[campaign.kind] ?? '',
        fileId,
        by: campaignPerson(actor),
        at: new Date(),
      };
      if (!(await data.addPledge(doc))) {
        // Signed by another phone (or this one) between the read and the write.
        const now = await data.pledge(id);
        if (!now) throw new AppError('CONFLICT', '该责任书正在签署，请稍后刷新查看');
        return pledgeView(campaign, letter, record, signedAlready(now, fileId, actor.openid));
      }
      await grids.record({
        actor: actor.openid,
        action: 'campaign.sign',
        gridId: record.gridId,
        gridPath: doc.gridPath,
        target: id,
        detail: { signerName, signerRole: doc.signerRole, letterHash: hash },
      });
      return pledgeView(campaign, letter, record, doc);
    },

    async pledge({ campaignId, targetId }, ctx) {
      const actor = await ctx.actor();
      const { campaign, record } = await readableTarget(actor, campaignId, targetId);
      if (campaign.letter === null) throw new AppError('INVALID_INPUT', '本次排查没有责任书');
      const signed = await data.pledge(pledgeId(campaign._id, record._id));
      return pledgeView(campaign, campaign.letter, record, signed);
    },
  };
}
