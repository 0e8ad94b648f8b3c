import type { IncomingMessage, ServerResponse } from 'node:http';
import { TcbError } from '../errors';
import type { FileStorage } from '../storage/files';
import { BodyTooLarge, readBody } from './body';
import { sendJson } from './respond';

/**
 * The preview's own cap on one photo, not a WeChat limit: the product only uploads compressed
 * phone pictures (receipts, deliveries), and a cap keeps a stray video out of the data folder.
 */
export const GATEWAY_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

/** wx.cloud.uploadFile's failure code, so the h5 transport sees the shape weapp would. */
const UPLOAD_FAILED = -1;

type ImageKind = 'jpeg' | 'png' | 'gif' | 'webp';

/**
 * The image type by its first bytes. The declared content type is the sender's word only, so
 * anything that is not a picture is refused on what it is.
 */
export function sniffImage(bytes: Buffer): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'jpeg';
  }
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  const head = bytes.subarray(0, 6).toString('latin1');
  if (head === 'GIF87a' || head === 'GIF89a') return 'gif';
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'webp';
  }
  return null;
}

const IMAGE_PATH = /\.(jpe?g|png|gif|webp)$/i;

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { errCode: UPLOAD_FAILED, errMsg: `cloud.uploadFile:fail ${message}` });
}

/**
 * `POST /_gateway/upload?cloudPath=…` with the picture as the raw body, for a logged-in preview
 * user: the h5 stand-in for wx.cloud.uploadFile, answering with the same `fileID`.
 */
export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  storage: FileStorage,
): Promise<void> {
  const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
  const cloudPath = query.get('cloudPath') ?? '';
  if (!IMAGE_PATH.test(cloudPath)) {
    refuse(res, 400, '云端路径应以 .jpg、.png、.gif 或 .webp 结尾');
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
    fileID = storage.write(cloudPath, bytes);
  } catch (e) {
    refuse(res, 400, e instanceof TcbError ? e.message : String(e));
    return;
  }
  sendJson(res, 200, { errMsg: 'cloud.uploadFile:ok', statusCode: 200, fileID });
}
