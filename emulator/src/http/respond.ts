import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  // The SDK reads exactly this content type as "a JSON TCB error" on the openapi path.
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendBytes(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: Buffer,
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': body.length });
  res.end(body);
}

/**
 * COS answers failures with an XML <Error>, which the SDK's upload and download treat as failure;
 * the SDK reads Code, Message, RequestId and TraceId from it.
 */
export function sendXmlError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  const escaped = message.replace(
    /[<>&]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c,
  );
  const id = Date.now().toString(36);
  const xml = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escaped}</Message><RequestId>${id}</RequestId><TraceId>${id}</TraceId></Error>`;
  sendBytes(res, status, 'application/xml', Buffer.from(xml));
}
