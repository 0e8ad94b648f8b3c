import { ACTIVE_CLAIM } from '../domain/errands';
import { AppError } from '../domain/errors';
import { errandPhotoPath, isOwnErrandPhoto } from '../domain/photos';
import { newCode } from '../domain/codes';
import type { ErrandPhotoKind } from '@gridguard/types';
import type { ErrandDoc } from '../domain/records';
import type { ErrandData } from '../runtime/errand-data';
import type { ActionHandlers } from '../runtime/router';
import { secureRandom } from './common';

/**
 * The claimer's proof photos: the server names each upload, in the claimer's own folder, so a
 * client never picks a path another's file lives at.
 */
export function errandPhotoActions(
  errands: ErrandData,
): Pick<ActionHandlers<'errands'>, 'photoTarget'> {
  return {
    async photoTarget({ errandId, kind, extension }, ctx) {
      const errand = await errands.get(errandId);
      // Missing and not one's own look alike: the path names the caller, never the errand's owner.
      if (errand?.claimer?.openid !== ctx.caller.openid || !ACTIVE_CLAIM.includes(errand.status)) {
        throw new AppError('FORBIDDEN', '只有正在办理该跑腿单的志愿者可以上传照片');
      }
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
