import Taro from '@tarojs/taro';

export interface Canvas2d {
  context: unknown;
  /** Canvas pixels (CSS size × pixelRatio), what uCharts sizes its drawing in. */
  width: number;
  height: number;
  pixelRatio: number;
}

interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
}

const isCanvasNode = (node: unknown): node is CanvasNode =>
  typeof node === 'object' && node !== null && 'getContext' in node;

const RETRY_MS = 60;
const ATTEMPTS = 20;

function queryOnce(
  selector: string,
): Promise<{ node: CanvasNode; width: number; height: number } | null> {
  return new Promise((resolve) => {
    // Node and size as two requests: Taro's h5 query answers `node` alone when both are asked.
    Taro.createSelectorQuery()
      .select(selector)
      .node()
      .select(selector)
      .boundingClientRect()
      .exec((results: unknown[]) => {
        const found = results[0] as { node?: unknown } | null;
        const rect = results[1] as { width?: number; height?: number } | null;
        if (found && isCanvasNode(found.node) && rect?.width && rect.height) {
          resolve({ node: found.node, width: rect.width, height: rect.height });
        } else {
          resolve(null);
        }
      });
  });
}

/**
 * A `<Canvas type="2d">`'s drawing context, sized for a sharp picture. The same selector query
 * answers on weapp (the native canvas node) and on h5 (the <canvas> inside Taro's element); both
 * render the element a little after React commits, hence the short retries.
 */
export async function canvas2d(selector: string): Promise<Canvas2d | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const found = await queryOnce(selector);
    if (found) {
      const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 1;
      const width = Math.round(found.width * pixelRatio);
      const height = Math.round(found.height * pixelRatio);
      found.node.width = width;
      found.node.height = height;
      return { context: found.node.getContext('2d'), width, height, pixelRatio };
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  return null;
}
