import Taro from '@tarojs/taro';
import type { CanvasNode } from '../../platform';

const isCanvasNode = (node: unknown): node is CanvasNode =>
  typeof node === 'object' && node !== null && 'getContext' in node;

const RETRY_MS = 60;
const ATTEMPTS = 20;

function queryOnce(selector: string): Promise<CanvasNode | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(selector)
      .node()
      .exec((results: unknown[]) => {
        const found = results[0] as { node?: unknown } | null;
        resolve(found && isCanvasNode(found.node) ? found.node : null);
      });
  });
}

/**
 * The node of a `<Canvas type="2d">`: the same query answers on weapp (the native canvas) and on
 * h5 (the <canvas> inside Taro's element). Both appear a little after React commits, hence the
 * retries, as the dashboard's chart does. Only the node is asked for: the posters set their own
 * pixel size, whatever size the preview is shown at.
 */
export async function findCanvas(selector: string): Promise<CanvasNode | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const node = await queryOnce(selector);
    if (node) return node;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  return null;
}
