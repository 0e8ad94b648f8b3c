/**
 * What a notice's attachment or recording is, by its first bytes: a PDF, an MP3 (an ID3 tag or
 * an MPEG audio frame), an AAC stream (ADTS) or an MP4 audio file (M4A, as the recorder writes).
 */
export type MediaKind = 'pdf' | 'mp3' | 'aac' | 'm4a';

export function sniffMedia(bytes: Buffer): MediaKind | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp') return 'm4a';
  if (bytes.subarray(0, 3).toString('latin1') === 'ID3') return 'mp3';
  const [b0, b1] = [bytes[0] ?? 0, bytes[1] ?? 0];
  // ADTS: 12 sync bits, then layer 00.
  if (b0 === 0xff && (b1 & 0xf6) === 0xf0) return 'aac';
  // An MPEG audio frame: 11 sync bits, then a version and a layer that are not reserved.
  if (b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) !== 0) return 'mp3';
  return null;
}
