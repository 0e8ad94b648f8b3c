import type { FunctionResult } from '@gridguard/types';
import { platform, type LocalPhoto } from '../platform';

export type { LocalPhoto };

/** The same cap the preview's gateway enforces; a phone's compressed photo is far below it. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

const fail = (message: string) => ({ ok: false as const, code: 'INVALID_INPUT' as const, message });

/** Takes or picks one photo; null when the user backed out. */
export async function choosePhoto(): Promise<FunctionResult<LocalPhoto | null>> {
  const result = await platform.choosePhoto();
  if (result.ok && result.data && result.data.size > PHOTO_MAX_BYTES) {
    return fail('照片超过 5 MB，请重新拍摄或选择较小的照片');
  }
  return result;
}

export type ErrandPhotoKind = 'receipt' | 'delivery';

/**
 * Uploads an errand's proof photo under the errand's own folder. The time in the name keeps a
 * second attempt (a retake) from overwriting the first one before the step is recorded.
 */
export function uploadErrandPhoto(errandId: string, kind: ErrandPhotoKind, photo: LocalPhoto) {
  const extension = /\.(png|gif|webp)$/i.exec(photo.path)?.[1]?.toLowerCase() ?? 'jpg';
  const cloudPath = `errands/${errandId}/${kind}-${Date.now()}.${extension}`;
  return platform.uploadFile(photo.path, cloudPath);
}

/** What an `<Image>` loads for a stored photo. */
export function photoSrc(fileID: string): string {
  return platform.photoSrc(fileID);
}
