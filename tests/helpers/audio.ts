/**
 * `seconds` of silence as an MP3 a browser plays and times, and the storage's sniffing accepts:
 * MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono; 144 × 128000 / 44100 = 417 bytes with no
 * padding, 1152 samples each) whose side information is all zero, so no sample is coded.
 */
export function silentMp3(seconds: number): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0xc4]);
  const frames = Math.ceil((seconds * 44_100) / 1152);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}
