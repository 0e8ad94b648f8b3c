import type { IncomingMessage } from 'node:http';

/** The names a loopback server may be reached by; anything else in Host is someone else's name. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Why a request must not reach the emulator, or undefined when it may. The emulator binds to
 * loopback only, but a browser on the same machine will still carry a foreign page's requests
 * there: a cross-site form or `text/plain` POST (no preflight), or a page on a rebound DNS name
 * whose Host header is that name. Such a page could sign in as the command centre, fire timers or
 * grant credits. Requests from the preview page itself (same origin) and from tools that send no
 * Origin at all (Node's fetch, curl, the wx-server-sdk) go through.
 */
export function foreignRequest(req: IncomingMessage): string | undefined {
  const port = req.socket.localPort;
  const own = new Set(LOOPBACK_NAMES.map((name) => `${name}:${port}`));
  // Browsers and clients leave the default port out of Host and Origin.
  if (port === 80) for (const name of LOOPBACK_NAMES) own.add(name);
  const host = req.headers.host?.toLowerCase();
  if (!host || !own.has(host)) return '请求的主机名不是本地预览的地址';
  const origin = req.headers.origin;
  if (origin !== undefined && !own.has(originHost(origin) ?? '')) {
    return '不接受来自其他网站的请求';
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') return '不接受来自其他网站的请求';
  return undefined;
}

/** `http://127.0.0.1:8300` → `127.0.0.1:8300`; other schemes, paths or `null` → undefined. */
function originHost(origin: string): string | undefined {
  const match = /^http:\/\/([^/?#]+)$/i.exec(origin.trim());
  return match?.[1]?.toLowerCase();
}
