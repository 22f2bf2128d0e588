import { CALLBACK_LIMITS } from '../../gateways/callbacks/body';
import type { HttpRequest } from './red';

/** Callbacks are a few hundred bytes; the bound is the gateways' one (CALLBACK_LIMITS.maxBytes). */
export const MAX_CALLBACK_BYTES = CALLBACK_LIMITS.maxBytes;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`callback body larger than ${MAX_CALLBACK_BYTES} bytes`);
  }
}

/** Whether the request announces more bytes than a callback may have (Content-Length), so it need not be read. */
export function announcesTooLarge(req: HttpRequest): boolean {
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > MAX_CALLBACK_BYTES;
}

/**
 * The request body as raw bytes, at most MAX_CALLBACK_BYTES of them. RED.httpNode parses nothing by
 * itself (core http-in adds body parsers per route), so the in nodes read the stream and parse it with
 * gateways/callbacks. When a middleware from settings.httpNodeMiddleware already parsed it, that result is
 * used instead: a Buffer or string as is, an object (a parsed JSON or form body) as JSON text; the
 * gateways parser applies the same bounds to it.
 */
export function readRawBody(req: HttpRequest): Promise<{ contentType: string | undefined; body: Buffer | string | undefined }> {
  const contentType = req.headers['content-type'];
  const parsed = req.body;
  if (Buffer.isBuffer(parsed) || typeof parsed === 'string') return Promise.resolve({ contentType, body: parsed });
  if (parsed !== null && typeof parsed === 'object' && Object.keys(parsed).length > 0) {
    try {
      return Promise.resolve({ contentType: 'application/json', body: JSON.stringify(parsed) });
    } catch {
      // A cycle, or nesting too deep to stringify: not a callback.
      return Promise.reject(new Error('the parsed body cannot be read as JSON'));
    }
  }
  // Already read by someone else and nothing kept: there is nothing left to read.
  if (req.readableEnded) return Promise.resolve({ contentType, body: undefined });
  if (announcesTooLarge(req)) return Promise.reject(new BodyTooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CALLBACK_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve({ contentType, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined }));
    req.on('error', reject);
  });
}
