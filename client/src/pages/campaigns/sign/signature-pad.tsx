import { Canvas } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { memo, useEffect, useImperativeHandle, useRef, forwardRef } from 'react';
import type { CanvasNode } from '../../../platform';

/** What the page asks of the pad: whether anything was drawn, a clean slate, and the canvas. */
export interface SignaturePadHandle {
  drawn(): boolean;
  clear(): void;
  canvas(): CanvasNode | null;
}

interface Context2d {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  lineCap: string;
  lineJoin: string;
  scale(x: number, y: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
}

interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A touch as either runtime hands it: WeChat adds x/y on the canvas, the browser gives client x/y. */
interface TouchPoint {
  x?: number;
  y?: number;
  clientX?: number;
  clientY?: number;
}
interface PadTouchEvent {
  touches?: ArrayLike<TouchPoint>;
  changedTouches?: ArrayLike<TouchPoint>;
}

const isCanvasNode = (node: unknown): node is CanvasNode =>
  typeof node === 'object' && node !== null && 'getContext' in node;

function query(selector: string): Promise<{ node: CanvasNode | null; rect: Rect | null }> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(selector)
      .node()
      .select(selector)
      .boundingClientRect()
      .exec((results: unknown[]) => {
        const found = results[0] as { node?: unknown } | null;
        const rect = results[1] as Rect | null;
        resolve({
          node: found && isCanvasNode(found.node) ? found.node : null,
          rect: rect && rect.width > 0 ? rect : null,
        });
      });
  });
}

const INK = '#111111';
const PAPER = '#ffffff';
const RETRY_MS = 60;
const ATTEMPTS = 20;

/**
 * A signature drawn with a finger on a `<Canvas type="2d">`, white paper and dark ink, sharp at
 * the screen's pixel ratio. The canvas is rendered once with stable handlers (Taro's h5 canvas
 * clears itself when its element re-renders); strokes go straight to the context.
 */
export const SignaturePad = memo(
  forwardRef<SignaturePadHandle, { id: string; height: number }>(function SignaturePad(
    { id, height },
    ref,
  ) {
    const node = useRef<CanvasNode | null>(null);
    const context = useRef<Context2d | null>(null);
    const rect = useRef<Rect | null>(null);
    const size = useRef({ width: 0, height: 0 });
    const drawn = useRef(false);
    const last = useRef<{ x: number; y: number } | null>(null);

    const paper = () => {
      const ctx = context.current;
      if (!ctx) return;
      ctx.fillStyle = PAPER;
      ctx.fillRect(0, 0, size.current.width, size.current.height);
      drawn.current = false;
    };

    useEffect(() => {
      let gone = false;
      void (async () => {
        for (let attempt = 0; attempt < ATTEMPTS && !gone; attempt += 1) {
          const found = await query(`#${id}`);
          if (found.node && found.rect) {
            const ratio = Taro.getSystemInfoSync().pixelRatio || 1;
            found.node.width = Math.round(found.rect.width * ratio);
            found.node.height = Math.round(found.rect.height * ratio);
            const ctx = found.node.getContext('2d') as Context2d;
            ctx.scale(ratio, ratio);
            ctx.strokeStyle = INK;
            ctx.lineWidth = 3;
            ctx.lineCap = 'round';
            ctx.lineJoin = 'round';
            node.current = found.node;
            context.current = ctx;
            rect.current = found.rect;
            size.current = { width: found.rect.width, height: found.rect.height };
            paper();
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      })();
      return () => {
        gone = true;
      };
    }, [id]);

    useImperativeHandle(ref, () => ({
      drawn: () => drawn.current,
      clear: paper,
      canvas: () => node.current,
    }));

    const pointOf = (e: PadTouchEvent) => {
      const touch = e.touches?.[0] ?? e.changedTouches?.[0];
      if (!touch) return null;
      if (typeof touch.x === 'number' && typeof touch.y === 'number') {
        return { x: touch.x, y: touch.y };
      }
      const box = rect.current;
      if (!box || touch.clientX === undefined || touch.clientY === undefined) return null;
      return { x: touch.clientX - box.left, y: touch.clientY - box.top };
    };

    const onStart = (e: PadTouchEvent) => {
      // Where the pad is now: the page may have scrolled since it was measured.
      void query(`#${id}`).then((found) => {
        if (found.rect) rect.current = found.rect;
      });
      last.current = pointOf(e);
    };
    const onMove = (e: PadTouchEvent) => {
      const ctx = context.current;
      const from = last.current;
      const to = pointOf(e);
      if (!ctx || !to) return;
      if (from) {
        ctx.beginPath();
        ctx.moveTo(from.x, from.y);
        ctx.lineTo(to.x, to.y);
        ctx.stroke();
        drawn.current = true;
      }
      last.current = to;
    };
    const onEnd = () => {
      last.current = null;
    };

    return (
      <Canvas
        type="2d"
        id={id}
        className="signature-pad"
        style={{ height: `${height}px` }}
        disableScroll
        onTouchStart={onStart}
        onTouchMove={onMove}
        onTouchEnd={onEnd}
        onTouchCancel={onEnd}
      />
    );
  }),
);
