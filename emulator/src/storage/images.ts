export type ImageKind = 'jpeg' | 'png' | 'gif' | 'webp';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The image type by its first bytes. A declared content type or a file name is the sender's word
 * only, so what a file is gets decided on what it holds.
 */
export function sniffImage(bytes: Buffer): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'jpeg';
  }
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
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

/**
 * The content type a stored file is served with: a picture's own type, and for anything else a
 * type no browser renders, so an uploaded page or script can never run on the preview's origin.
 */
export function servedContentType(bytes: Buffer): string {
  const kind = sniffImage(bytes);
  return kind ? `image/${kind}` : 'application/octet-stream';
}
