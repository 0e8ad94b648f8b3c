import type { IncomingMessage, ServerResponse } from 'node:http';
import { IMPORT_UPLOAD_ROOT, NOTICE_UPLOAD_ROOT } from '@gridguard/types';
import {
  GATEWAY_IMPORT_MAX_BYTES,
  GATEWAY_NOTICE_MAX_BYTES,
  GATEWAY_UPLOAD_MAX_BYTES,
} from '../limits';
import { FileExistsError, type FileStorage } from '../storage/files';
import { sniffImage } from '../storage/images';
import { sniffMedia } from '../storage/media';
import { BodyTooLarge, readBody } from './body';
import { sendJson } from './respond';

/** wx.cloud.uploadFile's failure code, so the h5 transport sees the shape weapp would. */
const UPLOAD_FAILED = -1;

/** The file name part of an upload's path: no folders, no dot files, nothing to climb with. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** What a client may upload, each into its own top folder, each checked by what its bytes are. */
interface UploadKind {
  folder: string;
  extension: RegExp;
  extensionRefusal: string;
  maxBytes: number;
  tooLargeRefusal: string;
  /** The bytes are what the name's extension says. */
  isKind(bytes: Buffer, extension: string): boolean;
  wrongKindRefusal: string;
}

/** An .xlsx is a ZIP archive: a local file header comes first. */
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const UPLOAD_KINDS: readonly UploadKind[] = [
  {
    // Proof photos of errands (receipt, delivery) and 责任书 signatures.
    folder: 'photos',
    extension: /\.(jpe?g|png|gif|webp)$/i,
    extensionRefusal: '云端路径应以 .jpg、.png、.gif 或 .webp 结尾',
    maxBytes: GATEWAY_UPLOAD_MAX_BYTES,
    tooLargeRefusal: '照片超过 5 MB 上限',
    isKind: (bytes) => sniffImage(bytes) !== null,
    wrongKindRefusal: '只能上传图片（JPEG、PNG、GIF、WebP）',
  },
  {
    // Filled-in household registers for 导入登记表, read by the imports function.
    folder: IMPORT_UPLOAD_ROOT,
    extension: /\.xlsx$/i,
    extensionRefusal: '云端路径应以 .xlsx 结尾',
    maxBytes: GATEWAY_IMPORT_MAX_BYTES,
    tooLargeRefusal: `文件超过 ${GATEWAY_IMPORT_MAX_BYTES / 1024 / 1024} MB 上限`,
    isKind: (bytes) => bytes.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE),
    wrongKindRefusal: '只能上传 Excel 文件（.xlsx）',
  },
  {
    // A notice's pictures, the PDF of its official text and its recordings.
    folder: NOTICE_UPLOAD_ROOT,
    extension: /\.(jpg|png|webp|pdf|mp3|aac|m4a)$/i,
    extensionRefusal: '云端路径应以 .jpg、.png、.webp、.pdf、.mp3、.aac 或 .m4a 结尾',
    maxBytes: GATEWAY_NOTICE_MAX_BYTES,
    tooLargeRefusal: `文件超过 ${GATEWAY_NOTICE_MAX_BYTES / 1024 / 1024} MB 上限`,
    isKind: (bytes, extension) =>
      ['jpg', 'png', 'webp'].includes(extension)
        ? sniffImage(bytes) !== null
        : sniffMedia(bytes) === extension,
    wrongKindRefusal: '文件内容与类型不符：只能上传图片、PDF 或录音（MP3、AAC、M4A）',
  },
];

/**
 * The kind of upload `cloudPath` is, if the caller may upload there at all: `photos/<own
 * openid>/<name>` or `imports/<own openid>/<name>`. This is what production's storage security
 * rule `resource.openid == auth.openid` gives a client: its own files only. The functions hand
 * the client such a path; the SDK's own uploads (the admin) do not come through here and may
 * write anywhere.
 */
function ownUploadKind(cloudPath: string, openid: string): UploadKind | null {
  for (const kind of UPLOAD_KINDS) {
    const prefix = `${kind.folder}/${openid}/`;
    if (!cloudPath.startsWith(prefix)) continue;
    const name = cloudPath.slice(prefix.length);
    return FILE_NAME.test(name) && !name.includes('..') ? kind : null;
  }
  return null;
}

const extensionOf = (cloudPath: string) =>
  /\.([A-Za-z0-9]+)$/.exec(cloudPath)?.[1]?.toLowerCase() ?? '';

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { errCode: UPLOAD_FAILED, errMsg: `cloud.uploadFile:fail ${message}` });
}

/**
 * `POST /_gateway/upload?cloudPath=…` with the file as the raw body, for a logged-in preview
 * user (`openid`): the h5 stand-in for wx.cloud.uploadFile, answering with the same `fileID`.
 *
 * Deliberate difference from production: an existing file is never replaced (409). Production
 * lets the owner overwrite their own file; the preview refuses so that a proof photo, once named
 * in a record, stays the picture that was taken, and a previewed register stays the file that
 * was checked.
 */
export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  openid: string,
  storage: FileStorage,
): Promise<void> {
  const rawQuery = (req.url ?? '').split('?', 2)[1] ?? '';
  const cloudPath = new URLSearchParams(rawQuery).get('cloudPath') ?? '';
  const kind = ownUploadKind(cloudPath, openid);
  if (!kind) {
    refuse(res, 400, '上传路径无效');
    req.resume();
    return;
  }
  if (!kind.extension.test(cloudPath)) {
    refuse(res, 400, kind.extensionRefusal);
    req.resume();
    return;
  }
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > kind.maxBytes) {
    // Refused before reading, so a large file is not streamed in only to be thrown away.
    refuse(res, 413, kind.tooLargeRefusal);
    req.resume();
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readBody(req, kind.maxBytes);
  } catch (e) {
    if (e instanceof BodyTooLarge) {
      refuse(res, 413, kind.tooLargeRefusal);
      return;
    }
    throw e;
  }
  // The declared content type and the name are the sender's word only; the bytes decide.
  if (!kind.isKind(bytes, extensionOf(cloudPath))) {
    refuse(res, 415, kind.wrongKindRefusal);
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
