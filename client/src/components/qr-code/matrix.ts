import qrcode from 'qrcode-generator';

/** The light margin a scanner needs around the symbol, in modules (ISO/IEC 18004 asks for 4). */
export const QUIET_ZONE = 4;

/** A dark stretch of a row: how many light modules precede it (since the last one) and its length. */
export interface DarkRun {
  gap: number;
  length: number;
}

export interface QrLayout {
  /** Modules per side, quiet zone included. */
  size: number;
  rows: DarkRun[][];
}

const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/**
 * The QR symbol for `text` as rows of dark runs. Runs rather than modules keep a 29×29 symbol to
 * a couple of hundred views, which both the mini-program and the browser render without a canvas.
 */
export function qrLayout(text: string): QrLayout {
  const qr = qrcode(0, 'M');
  // Invite codes use only capitals and digits: the alphanumeric mode keeps the symbol smallest.
  qr.addData(text, ALPHANUMERIC.test(text) ? 'Alphanumeric' : 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const rows: DarkRun[][] = [];
  for (let r = 0; r < QUIET_ZONE; r += 1) rows.push([]);
  for (let r = 0; r < count; r += 1) {
    const runs: DarkRun[] = [];
    let end = -QUIET_ZONE;
    let c = 0;
    while (c < count) {
      if (!qr.isDark(r, c)) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < count && qr.isDark(r, c)) c += 1;
      runs.push({ gap: start - end, length: c - start });
      end = c;
    }
    rows.push(runs);
  }
  for (let r = 0; r < QUIET_ZONE; r += 1) rows.push([]);
  return { size: count + 2 * QUIET_ZONE, rows };
}
