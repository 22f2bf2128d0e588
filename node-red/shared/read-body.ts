import type { HttpRequest } from './red';

/** Callbacks are a few hundred bytes; anything this large is not one. */
export const MAX_CALLBACK_BYTES = 256 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`callback body larger than ${MAX_CALLBACK_BYTES} bytes`);
  }
}

/**
 * The request body as raw bytes. RED.httpNode parses nothing by itself (core http-in adds body parsers
 * per route), so the in nodes read the stream and parse it with gateways/callbacks. When a middleware from
 * settings.httpNodeMiddleware already parsed it, that result is used instead: a Buffer or string as is, an
 * object (a parsed JSON or form body) as JSON text.
 */
export function readRawBody(req: HttpRequest): Promise<{ contentType: string | undefined; body: Buffer | string | undefined }> {
  const contentType = req.headers['content-type'];
  const parsed = req.body;
  if (Buffer.isBuffer(parsed) || typeof parsed === 'string') return Promise.resolve({ contentType, body: parsed });
  if (parsed !== null && typeof parsed === 'object' && Object.keys(parsed).length > 0) {
    return Promise.resolve({ contentType: 'application/json', body: JSON.stringify(parsed) });
  }
  // Already read by someone else and nothing kept: there is nothing left to read.
  if (req.readableEnded) return Promise.resolve({ contentType, body: undefined });
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
