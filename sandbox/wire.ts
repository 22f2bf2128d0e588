import type { IncomingMessage } from 'node:http';

/**
 * What every handler receives and returns. Handlers are plain functions from a request to a reply, so
 * the server alone deals with sockets, faults and errors.
 */
export interface RequestContext {
  method: string;
  /** Path without the query string, as received. */
  path: string;
  /** Raw query string without '?'. */
  query: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  remoteAddress: string;
  now: number;
  /** A session-expiry fault matched: the request's Clickatell session is treated as expired. */
  expireSession: boolean;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function textReply(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

export function xmlReply(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/xml; charset=utf-8', ...headers }, body };
}

/** Credits and prices as the APIs print them: at most 4 decimals, at least one (`Credit: 300.5`, `Charge: 0.8`). */
export function formatDecimal(value: number): string {
  const rounded = Math.round(value * 10_000) / 10_000;
  const text = String(rounded);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const XML_SPECIAL = /[&<>"']/;

export function escapeXml(value: string): string {
  // Most values (ids, numbers, codes) need nothing: test before replacing.
  return XML_SPECIAL.test(value) ? value.replace(/[&<>"']/g, (char) => XML_ENTITIES[char]) : value;
}

/**
 * Query string and form body parameters as one map: body over query, as PHP's $_REQUEST merges them.
 * `lowerCase` folds names (Clickatell reads apiMsgId and apimsgid alike). URLSearchParams never throws
 * on bad escapes; it keeps them as they are.
 */
export function readParams(context: RequestContext, lowerCase: boolean): Map<string, string> {
  const params = new Map<string, string>();
  const add = (source: string): void => {
    for (const [name, value] of new URLSearchParams(source)) params.set(lowerCase ? name.toLowerCase() : name, value);
  };
  add(context.query);
  if (context.method !== 'POST' || context.body.length === 0) return params;
  const contentType = context.headers['content-type'];
  if (isForm(contentType)) add(context.body.toString('utf8'));
  else if (/^multipart\/form-data/i.test(contentType ?? '')) {
    for (const [name, value] of readMultipart(context.body, contentType!)) params.set(lowerCase ? name.toLowerCase() : name, value);
  }
  return params;
}

/**
 * Text fields of a multipart/form-data body (what PHP's curl sends when given an array). Files and
 * anything unreadable are skipped: the handler then reports the parameter as missing.
 */
function readMultipart(body: Buffer, contentType: string): Array<[string, string]> {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return [];
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  const fields: Array<[string, string]> = [];
  for (const part of body.toString('utf8').split(delimiter)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /content-disposition:[^\r\n]*?\bname="([^"]*)"/i.exec(head);
    if (!name || /\bfilename=/i.test(head)) continue;
    fields.push([name[1], part.slice(split + 4).replace(/\r\n$/, '')]);
  }
  return fields;
}

/** A POST body is read as a form unless it says it is something else (PHP-era clients often send no type). */
export function isForm(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0].trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded' || type === 'text/plain' || type === '';
}

/** Unix seconds of a time in ms. */
export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
