import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { HTTP_MAX_BODY_BYTES } from '../limits';

export class BodyTooLarge extends Error {}

export async function readBody(
  req: IncomingMessage,
  maxBytes = HTTP_MAX_BODY_BYTES,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyTooLarge(`request body exceeds ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Text fields as strings and file parts as Buffers, keyed by field name. */
export function parseMultipart(
  contentType: string,
  body: Buffer,
): Promise<Record<string, string | Buffer>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string | Buffer> = {};
    const parser = busboy({ headers: { 'content-type': contentType } });
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (name, stream) => {
      const parts: Buffer[] = [];
      stream.on('data', (part: Buffer) => parts.push(part));
      stream.on('end', () => (fields[name] = Buffer.concat(parts)));
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(fields));
    parser.end(body);
  });
}
