/** The part of a 2d context that measuring text needs (both platforms' contexts have it). */
export interface TextMeasurer {
  font: string;
  measureText(text: string): { width: number };
}

export interface FittedText {
  font: string;
  /** The font size in canvas pixels, for line spacing. */
  px: number;
  lines: string[];
  /** False when even the smallest size needed an ellipsis. */
  complete: boolean;
}

const ELLIPSIS = '…';

/**
 * `text` broken into at most `maxLines` lines no wider than `maxWidth`, character by character
 * (Chinese has no spaces to break at). Text that does not fit ends its last line with an ellipsis.
 */
export function wrapText(
  ctx: TextMeasurer,
  text: string,
  maxWidth: number,
  maxLines: number,
): { lines: string[]; complete: boolean } {
  const lines: string[] = [];
  let line = '';
  // Array.from walks code points, so a character outside the BMP is never split in two.
  for (const char of Array.from(text)) {
    if (line && ctx.measureText(line + char).width > maxWidth) {
      lines.push(line);
      line = char;
      if (lines.length === maxLines) break;
    } else {
      line += char;
    }
  }
  if (lines.length < maxLines) {
    if (line) lines.push(line);
    return { lines, complete: true };
  }
  let last = lines[maxLines - 1] ?? '';
  while (last && ctx.measureText(last + ELLIPSIS).width > maxWidth) {
    last = Array.from(last).slice(0, -1).join('');
  }
  lines[maxLines - 1] = last + ELLIPSIS;
  return { lines, complete: false };
}

/**
 * The largest of `sizes` (biggest first) at which `text` fits in `maxLines` lines; at the
 * smallest size what does not fit is cut with an ellipsis. `font(px)` builds the font string.
 */
export function fitText(
  ctx: TextMeasurer,
  text: string,
  maxWidth: number,
  maxLines: number,
  sizes: readonly number[],
  font: (px: number) => string,
): FittedText {
  let fitted: FittedText = { font: font(0), px: 0, lines: [], complete: false };
  for (const px of sizes) {
    ctx.font = font(px);
    const wrapped = wrapText(ctx, text, maxWidth, maxLines);
    fitted = { font: font(px), px, lines: wrapped.lines, complete: wrapped.complete };
    if (wrapped.complete) break;
  }
  return fitted;
}
