import { qrLayout } from '../../components/qr-code/matrix';
import { fitText, type FittedText, type TextMeasurer } from './text-fit';

/**
 * What the posters draw with: the part of a 2d context both WeChat's `<Canvas type="2d">` and
 * the browser's canvas have (no letterSpacing, no roundRect: older base libraries lack them).
 */
export interface PosterContext extends TextMeasurer {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, width: number, height: number): void;
  strokeRect(x: number, y: number, width: number, height: number): void;
  fillText(text: string, x: number, y: number): void;
  setLineDash(segments: number[]): void;
}

/** One household's card: what a resident at the door needs. */
export interface PosterCard {
  code: string;
  address: string;
  gridName: string;
}

/** Where a QR code was drawn, in canvas pixels, so a test can read it back from the pixels. */
export interface DrawnQr {
  text: string;
  x: number;
  y: number;
  /** Pixels per module; the symbol is `modules` wide, quiet zone included. */
  module: number;
  modules: number;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Every image is A-series portrait (1 : √2): a single card prints on A6 at 300 dpi, a sheet on
 * A4 at 150 dpi. Big enough for print, small enough for WeChat to export on an older Android.
 */
export const IMAGE_WIDTH = 1240;
export const IMAGE_HEIGHT = 1754;
/** A sheet: two columns, four rows, cut apart along the dashed lines. */
export const SHEET_COLUMNS = 2;
export const SHEET_ROWS = 4;
export const CARDS_PER_SHEET = SHEET_COLUMNS * SHEET_ROWS;

/** How a resident uses the card, in two lines broken where the sense breaks. */
export const JOIN_HINT = ['打开「网格守护」小程序', '在「加入网格」中扫码或输入门牌码'] as const;

const RED = '#c8161d';
const INK = '#1f1f1f';
const GREY = '#5c5c5c';
const CUT_LINE = '#b0b0b0';
const WHITE = '#ffffff';

// The system sans-serif carries Chinese on both platforms; the code is monospaced so that every
// character sits in its own cell and 8 is never mistaken for B at a glance.
const sans = (px: number, bold = false) => `${bold ? 'bold ' : ''}${px}px sans-serif`;
const mono = (px: number) => `bold ${px}px monospace`;

/** A line known to fit, in the shape drawLines takes. */
const fixed = (font: string, line: string): FittedText => ({
  font,
  px: 0,
  lines: [line],
  complete: true,
});

function clear(ctx: PosterContext): void {
  ctx.fillStyle = WHITE;
  ctx.fillRect(0, 0, IMAGE_WIDTH, IMAGE_HEIGHT);
}

/** Lines of fitted text centred on `centreX` (or from `x` when left-aligned), first line at `top`. */
function drawLines(
  ctx: PosterContext,
  fitted: FittedText,
  x: number,
  top: number,
  lineHeight: number,
  colour: string,
  align: 'left' | 'center',
): void {
  ctx.font = fitted.font;
  ctx.fillStyle = colour;
  ctx.textAlign = align;
  ctx.textBaseline = 'middle';
  fitted.lines.forEach((line, i) => ctx.fillText(line, x, top + lineHeight * (i + 0.5)));
}

/**
 * The door code, one character per equal cell across `box`: letter spacing that every canvas
 * can do, and a code whose characters line up however wide each glyph is.
 */
function drawCode(ctx: PosterContext, code: string, box: Box, px: number): void {
  const chars = Array.from(code);
  const cell = box.width / chars.length;
  ctx.font = mono(px);
  ctx.fillStyle = INK;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  chars.forEach((char, i) => ctx.fillText(char, box.x + cell * (i + 0.5), box.y + box.height / 2));
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(3, Math.round(px / 40));
  ctx.setLineDash([]);
  ctx.strokeRect(box.x, box.y, box.width, box.height);
}

/**
 * The QR code of `text` at whole pixels per module (a blurred edge is what defeats a phone
 * camera), at most `maxSize` wide, its top left at (x, y) or centred on `centreX`.
 */
function drawQr(
  ctx: PosterContext,
  text: string,
  at: { x: number; y: number; maxSize: number; centre?: boolean },
): DrawnQr {
  const layout = qrLayout(text);
  const module = Math.max(1, Math.floor(at.maxSize / layout.size));
  const size = module * layout.size;
  const x = at.centre ? Math.round(at.x - size / 2) : at.x;
  const y = at.y;
  ctx.fillStyle = WHITE;
  ctx.fillRect(x, y, size, size);
  ctx.fillStyle = '#000000';
  layout.rows.forEach((runs, row) => {
    let column = 0;
    for (const run of runs) {
      column += run.gap;
      ctx.fillRect(x + column * module, y + row * module, run.length * module, module);
      column += run.length;
    }
  });
  return { text, x, y, module, modules: layout.size };
}

/** One household on a whole image: A6 portrait, read from across a stairwell. */
export function drawCardImage(ctx: PosterContext, card: PosterCard): DrawnQr[] {
  const margin = 80;
  const inner = IMAGE_WIDTH - margin * 2;
  const centre = IMAGE_WIDTH / 2;
  clear(ctx);

  ctx.fillStyle = RED;
  ctx.fillRect(0, 0, IMAGE_WIDTH, 200);
  drawLines(ctx, fixed(sans(88, true), '网格守护'), centre, 40, 120, WHITE, 'center');

  const node = fitText(ctx, card.gridName, inner, 1, [44, 36], (px) => sans(px));
  drawLines(ctx, node, centre, 236, 64, GREY, 'center');

  const address = fitText(ctx, card.address, inner, 2, [88, 76, 64, 52], (px) => sans(px, true));
  drawLines(ctx, address, centre, 320, Math.round(address.px * 1.25), INK, 'center');

  drawLines(ctx, fixed(sans(40), '门牌码'), centre, 560, 56, GREY, 'center');
  drawCode(ctx, card.code, { x: margin, y: 624, width: inner, height: 260 }, 220);

  const qr = drawQr(ctx, card.code, { x: centre, y: 930, maxSize: 600, centre: true });

  JOIN_HINT.forEach((line, i) => {
    const fitted = fitText(ctx, line, inner, 1, [44, 38], (px) => sans(px));
    drawLines(ctx, fitted, centre, 1570 + i * 62, 62, INK, 'center');
  });
  ctx.fillStyle = RED;
  ctx.fillRect(0, IMAGE_HEIGHT - 24, IMAGE_WIDTH, 24);
  return [qr];
}

const SHEET_MARGIN = 40;
const CELL_WIDTH = (IMAGE_WIDTH - SHEET_MARGIN * 2) / SHEET_COLUMNS;
const CELL_HEIGHT = (IMAGE_HEIGHT - SHEET_MARGIN * 2) / SHEET_ROWS;
/** A sheet card's QR code: 7 pixels a module at 150 dpi, 34 mm across, scanned from 30 cm. */
const SHEET_QR = 203;

/**
 * One card of a sheet (A7 landscape once cut): the node across the top, the address beside the
 * QR code, the door code across the bottom.
 */
function drawSheetCard(ctx: PosterContext, card: PosterCard, cell: Box): DrawnQr {
  const pad = 24;
  const inner = cell.width - pad * 2;
  const left = cell.x + pad;
  const top = cell.y + pad;

  const title = fitText(ctx, `网格守护 · ${card.gridName}`, inner, 1, [24, 20], (px) =>
    sans(px, true),
  );
  drawLines(ctx, title, left, top, 32, RED, 'left');

  const qr = drawQr(ctx, card.code, {
    x: Math.round(cell.x + cell.width - pad - SHEET_QR),
    y: Math.round(top + 40),
    maxSize: SHEET_QR,
  });
  const qrBottom = qr.y + qr.module * qr.modules;
  const columnWidth = inner - SHEET_QR - 16;

  // Two lines at a size read from a step away; a long estate address gets a third, smaller.
  let address = fitText(ctx, card.address, columnWidth, 2, [40, 34], (px) => sans(px, true));
  if (!address.complete) {
    address = fitText(ctx, card.address, columnWidth, 3, [30, 26], (px) => sans(px, true));
  }
  drawLines(ctx, address, left, top + 40, Math.round(address.px * 1.25), INK, 'left');
  JOIN_HINT.forEach((line, i) => {
    const fitted = fitText(ctx, line, columnWidth, 1, [20, 18], (px) => sans(px));
    drawLines(ctx, fitted, left, qrBottom - 52 + i * 26, 26, GREY, 'left');
  });

  const codeTop = qrBottom + 12;
  drawCode(
    ctx,
    card.code,
    { x: left, y: codeTop, width: inner, height: cell.y + cell.height - pad - codeTop },
    96,
  );
  return qr;
}

/**
 * Up to CARDS_PER_SHEET households on one A4 image, with dashed cut lines, and the page's place
 * in the set (第 2/5 张) in the bottom margin so a printed stack can be checked for gaps.
 */
export function drawSheetImage(
  ctx: PosterContext,
  cards: readonly PosterCard[],
  footer: string,
): DrawnQr[] {
  clear(ctx);
  const drawn: DrawnQr[] = [];
  cards.slice(0, CARDS_PER_SHEET).forEach((card, i) => {
    const cell = {
      x: SHEET_MARGIN + (i % SHEET_COLUMNS) * CELL_WIDTH,
      y: SHEET_MARGIN + Math.floor(i / SHEET_COLUMNS) * CELL_HEIGHT,
      width: CELL_WIDTH,
      height: CELL_HEIGHT,
    };
    ctx.strokeStyle = CUT_LINE;
    ctx.lineWidth = 2;
    ctx.setLineDash([12, 10]);
    ctx.strokeRect(cell.x, cell.y, cell.width, cell.height);
    drawn.push(drawSheetCard(ctx, card, cell));
  });
  drawLines(
    ctx,
    fixed(sans(20), footer),
    IMAGE_WIDTH / 2,
    IMAGE_HEIGHT - SHEET_MARGIN + 6,
    28,
    GREY,
    'center',
  );
  return drawn;
}

/** Households cut into sheets of CARDS_PER_SHEET, in the order given. */
export function sheetsOf<T>(cards: readonly T[]): T[][] {
  const sheets: T[][] = [];
  for (let i = 0; i < cards.length; i += CARDS_PER_SHEET) {
    sheets.push(cards.slice(i, i + CARDS_PER_SHEET));
  }
  return sheets;
}
