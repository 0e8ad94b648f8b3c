import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { sendBytes } from './respond';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Serves the h5 build; unknown paths without an extension get index.html (client-side routes). */
export function serveStatic(res: ServerResponse, root: string | undefined, urlPath: string): void {
  const index = root && path.join(root, 'index.html');
  if (!root || !index || !fs.existsSync(index)) {
    const hint =
      '<h1>h5 预览尚未构建</h1><p>请先运行 <code>npm run build:client</code>，或使用 <code>npm start</code>。</p>';
    sendBytes(res, 404, 'text/html; charset=utf-8', Buffer.from(hint));
    return;
  }
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    relative = '/';
  }
  const file = path.join(root, path.normalize(relative));
  const inside = file.startsWith(root + path.sep) || file === root;
  const target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : undefined;
  if (!target && path.extname(relative) !== '') {
    sendBytes(res, 404, 'text/plain; charset=utf-8', Buffer.from('文件不存在'));
    return;
  }
  const chosen = target ?? index;
  const type = TYPES[path.extname(chosen)] ?? 'application/octet-stream';
  sendBytes(res, 200, type, fs.readFileSync(chosen));
}
