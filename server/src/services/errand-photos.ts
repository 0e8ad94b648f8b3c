import { ACTIVE_CLAIM } from '../domain/errands';
import { AppError } from '../domain/errors';
import { errandPhotoPath, isOwnErrandPhoto } from '../domain/photos';
import { newCode } from '../domain/codes';
import type { ErrandPhotoKind } from '@gridguard/types';
import type { ErrandDoc } from '../domain/records';
import type { ErrandData } from '../runtime/errand-data';
import type { ActionHandlers } from '../runtime/router';
import { authoriseAnywhere, inScope, secureRandom } from './common';

const PHOTO_REFUSAL = '只有正在办理该跑腿单的志愿者可以上传照片';

/**
 * The claimer's proof photos: the server names each upload, in the claimer's own folder, so a
 * client never picks a path another's file lives at.
 */
export function errandPhotoActions(
  errands: ErrandData,
): Pick<ActionHandlers<'errands'>, 'photoTarget'> {
  return {
    async photoTarget({ errandId, kind, extension }, ctx) {
      const actor = await ctx.actor();
      authoriseAnywhere(actor, 'errands.serve', PHOTO_REFUSAL);
      inScope(
        actor,
        await errands.get(errandId),
        (e) => e.claimer?.openid === actor.openid && ACTIVE_CLAIM.includes(e.status),
        '该跑腿单不存在',
        PHOTO_REFUSAL,
      );
      const nonce = newCode(12, secureRandom).toLowerCase();
      return { cloudPath: errandPhotoPath(ctx.caller.openid, errandId, kind, extension, nonce) };
    },
  };
}

/** A step's photo must be one the server named for this claimer, errand and kind. */
export function requireOwnPhoto(
  errand: Pick<ErrandDoc, '_id'>,
  openid: string,
  kind: ErrandPhotoKind,
  fileId: string,
): void {
  if (!isOwnErrandPhoto(fileId, openid, errand._id, kind)) {
    throw new AppError('INVALID_INPUT', '请使用本单刚上传的照片');
  }
}
