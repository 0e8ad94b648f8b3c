import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { jsonDeeperThan } from '../json-depth';
import { HTTP_MAX_BODY_BYTES } from '../limits';

export class BodyTooLarge extends Error {}

/**
 * The whole body, or BodyTooLarge once it passes `maxBytes`. The rest of a too-large body is read
 * and dropped rather than the connection torn down, so the sender still gets the answer.
 */
export function readBody(req: IncomingMessage, maxBytes = HTTP_MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      req.resume();
      reject(new BodyTooLarge(`request body exceeds ${maxBytes} bytes`));
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
    // A sender that goes away mid-body; after a normal end this settles nothing.
    req.once('close', () => reject(new Error('request closed before its body ended')));
  });
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

export type JsonObjectBody =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problem: 'too-deep' | 'not-json' | 'not-object' };

/** A request body that must be one JSON object; an empty body counts as `{}`. */
export function parseJsonObject(body: Buffer, maxDepth: number): JsonObjectBody {
  const text = body.length === 0 ? '{}' : body.toString('utf8');
  if (jsonDeeperThan(text, maxDepth)) return { ok: false, problem: 'too-deep' };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problem: 'not-object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
