import type { ErrandPhotoKind, FunctionResult, PHOTO_EXTENSIONS } from '@gridguard/types';
import { callAction } from './call-action';
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

export type { ErrandPhotoKind };

/**
 * Uploads an errand's proof photo where the server says: a fresh name in the caller's own folder,
 * so a retake never replaces the first picture and nobody can write over another's.
 */
export async function uploadErrandPhoto(
  errandId: string,
  kind: ErrandPhotoKind,
  photo: LocalPhoto,
): Promise<FunctionResult<{ fileID: string }>> {
  const extension = /\.(png|gif|webp)$/i.exec(photo.path)?.[1]?.toLowerCase() ?? 'jpg';
  const target = await callAction('errands', 'photoTarget', {
    errandId,
    kind,
    extension: extension as (typeof PHOTO_EXTENSIONS)[number],
  });
  if (!target.ok) return target;
  return platform.uploadFile(photo.path, target.data.cloudPath);
}

/** What an `<Image>` loads for a stored photo. */
export function photoSrc(fileID: string): string {
  return platform.photoSrc(fileID);
}
