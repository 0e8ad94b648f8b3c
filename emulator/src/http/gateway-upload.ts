import type { IncomingMessage, ServerResponse } from 'node:http';
import { GATEWAY_UPLOAD_MAX_BYTES } from '../limits';
import { FileExistsError, type FileStorage } from '../storage/files';
import { sniffImage } from '../storage/images';
import { BodyTooLarge, readBody } from './body';
import { sendJson } from './respond';

/** wx.cloud.uploadFile's failure code, so the h5 transport sees the shape weapp would. */
const UPLOAD_FAILED = -1;

const IMAGE_PATH = /\.(jpe?g|png|gif|webp)$/i;
/** The file name part of a photo's path: no folders, no dot files, nothing to climb with. */
const PHOTO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** The one folder a client may upload into, followed by the uploader's own openid. */
const PHOTO_FOLDER = 'photos';

/**
 * Whether `cloudPath` is one the caller may upload to: `photos/<own openid>/<name>`. This is
 * what production's storage security rule `resource.openid == auth.openid` gives a client: its
 * own files only. The functions hand the client such a path; the SDK's own uploads (the admin)
 * do not come through here and may write anywhere.
 */
export function isOwnPhotoPath(cloudPath: string, openid: string): boolean {
  const prefix = `${PHOTO_FOLDER}/${openid}/`;
  if (!cloudPath.startsWith(prefix)) return false;
  const name = cloudPath.slice(prefix.length);
  return PHOTO_NAME.test(name) && !name.includes('..');
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { errCode: UPLOAD_FAILED, errMsg: `cloud.uploadFile:fail ${message}` });
}

/**
 * `POST /_gateway/upload?cloudPath=…` with the picture as the raw body, for a logged-in preview
 * user (`openid`): the h5 stand-in for wx.cloud.uploadFile, answering with the same `fileID`.
 *
 * Deliberate difference from production: an existing file is never replaced (409). Production
 * lets the owner overwrite their own file; the preview refuses so that a proof photo, once named
 * in a record, stays the picture that was taken.
 */
export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  openid: string,
  storage: FileStorage,
): Promise<void> {
  const rawQuery = (req.url ?? '').split('?', 2)[1] ?? '';
  const cloudPath = new URLSearchParams(rawQuery).get('cloudPath') ?? '';
  if (!isOwnPhotoPath(cloudPath, openid)) {
    refuse(res, 400, '上传路径无效');
    req.resume();
    return;
  }
  if (!IMAGE_PATH.test(cloudPath)) {
    refuse(res, 400, '云端路径应以 .jpg、.png、.gif 或 .webp 结尾');
    req.resume();
    return;
  }
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > GATEWAY_UPLOAD_MAX_BYTES) {
    // Refused before reading, so a large file is not streamed in only to be thrown away.
    refuse(res, 413, '照片超过 5 MB 上限');
    req.resume();
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readBody(req, GATEWAY_UPLOAD_MAX_BYTES);
  } catch (e) {
    if (e instanceof BodyTooLarge) {
      refuse(res, 413, '照片超过 5 MB 上限');
      return;
    }
    throw e;
  }
  if (sniffImage(bytes) === null) {
    refuse(res, 415, '只能上传图片（JPEG、PNG、GIF、WebP）');
    return;
  }
  let fileID: string;
  try {
    fileID = storage.create(cloudPath, bytes);
  } catch (e) {
    if (e instanceof FileExistsError) {
      refuse(res, 409, '文件已存在，不能覆盖');
      return;
    }
    throw e;
  }
  sendJson(res, 200, { errMsg: 'cloud.uploadFile:ok', statusCode: 200, fileID });
}
