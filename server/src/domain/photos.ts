import type { ErrandPhotoKind } from '@gridguard/types';

/**
 * Where uploaded photos live: `photos/<uploader's OPENID>/<name the server chose>`. The storage
 * rule lets a client create files only (never replace one), the preview's gateway enforces the
 * same, and a step accepts only a photo from the caller's own folder made for that errand, so
 * nobody can replace or pass off another's picture.
 */
export const PHOTO_ROOT = 'photos';

export function errandPhotoPath(
  openid: string,
  errandId: string,
  kind: ErrandPhotoKind,
  extension: string,
  nonce: string,
): string {
  return `${PHOTO_ROOT}/${openid}/${errandId}-${kind}-${nonce}.${extension}`;
}

/** `cloud://<env>.<bucket>/<path>` → `<path>`, or null for anything else. */
export function cloudPathOf(fileId: string): string | null {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  return match?.[1] ?? null;
}

/** True when the file is one the server named for this caller, errand and kind. */
export function isOwnErrandPhoto(
  fileId: string,
  openid: string,
  errandId: string,
  kind: ErrandPhotoKind,
): boolean {
  const path = cloudPathOf(fileId);
  const prefix = `${PHOTO_ROOT}/${openid}/${errandId}-${kind}-`;
  return (
    path !== null &&
    path.startsWith(prefix) &&
    /^[a-z0-9]+\.(jpg|png|webp|gif)$/.test(path.slice(prefix.length))
  );
}
