import { clickatellError, clickatellHint } from '../codes/clickatell-errors';
import { canonicalStatusCode, clickatellStatus } from '../codes/clickatell-status';
import { GatewayError } from '../errors';
import { makeEvent, type BalanceResult, type CoverageResult, type Encoding, type SmsEvent } from '../events';
import type { RecipientOutcome } from '../gateway';

/**
 * Parsers for the Clickatell legacy HTTP API's text answers (../shared/specs/clickatell-http-api.md):
 * `OK: <value>`, `ID: <id>[ To: <n>][ Charge: <n>][ Status: <code>]`, `Credit: <n>`,
 * `ERR: <code>, <text>[ To: <n>]`. Tolerant of what servers send (any key case, missing or extra
 * spaces, CRLF, blank lines, keys in any order, status codes with or without zero padding); anything
 * else is a GatewayError 'MALFORMED_RESPONSE', never a guessed success.
 */

const PROVIDER = 'clickatell-http' as const;

export type ClickatellCommand = 'auth' | 'ping' | 'sendmsg' | 'querymsg' | 'getmsgcharge' | 'delmsg' | 'getbalance' | 'token_pay' | 'coverage';

/** One `ERR:` line. */
export interface ErrLine {
  code: string;
  /** The provider's description, verbatim ('' when the line had none). */
  text: string;
  /** The `To:` recipient, digits only, on multi-recipient sends. */
  to?: string;
}

const EXCERPT_LENGTH = 200;

/**
 * A body we cannot read. For sends the gateway may have acted on it, hence delivery 'unknown' (never
 * repeated). The excerpt comes from the response only; the auth answer is never quoted, as its
 * success form carries the session id.
 */
export function malformed(command: ClickatellCommand, body: string, problem?: string): GatewayError {
  const excerpt = command === 'auth' ? '' : body.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_LENGTH);
  const detail = problem ?? (excerpt === '' ? 'empty or unreadable response' : `unexpected response: ${excerpt}`);
  return new GatewayError({
    provider: PROVIDER,
    code: 'MALFORMED_RESPONSE',
    providerText: detail,
    hint:
      command === 'sendmsg'
        ? 'The gateway answered in an unexpected form and may have accepted the message; check the Clickatell reports before sending again.'
        : 'The gateway answered in an unexpected form; check the base URL in the credentials.',
    delivery: 'unknown',
    retryable: false,
  });
}

/** The non-blank lines of a body, trimmed (CRLF, CR and LF all end a line). */
export function bodyLines(body: string): string[] {
  return String(body)
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const ERR_LINE = /^ERR\s*:\s*(\d{1,4})(?:\s*,\s*|\s+|$)(.*)$/i;
const TRAILING_TO = /^(.*?)\s*\bTo\s*:\s*(\+?\d+)$/i;

/** Parse `ERR: nnn, text[ To: n]`; null when the line is not a coded error line. */
export function parseErrLine(line: string): ErrLine | null {
  const match = ERR_LINE.exec(line.trim());
  if (!match) return null;
  const code = match[1].padStart(3, '0');
  let rest = match[2].trim();
  let to: string | undefined;
  const withTo = TRAILING_TO.exec(rest);
  if (withTo) {
    rest = withTo[1].trim();
    to = withTo[2].replace(/^\+/, '');
  }
  return to === undefined ? { code, text: rest } : { code, text: rest, to };
}

/** The GatewayError for an `ERR:` answer: the provider's code and text verbatim, our hint and retryability. */
export function errFromLine(err: ErrLine): GatewayError {
  const info = clickatellError(err.code, 'http');
  return new GatewayError({
    provider: PROVIDER,
    code: err.code,
    providerText: err.text !== '' ? err.text : info?.description,
    hint: clickatellHint(info, err.text),
    retryable: info?.retryable ?? false,
    delivery: 'yes',
    recipient: err.to,
  });
}

/** The coded error of a body that is a single `ERR:` line without `To:`, else null. */
export function wholeRequestError(body: string): ErrLine | null {
  const lines = bodyLines(body);
  if (lines.length !== 1) return null;
  const err = parseErrLine(lines[0]);
  return err && err.to === undefined ? err : null;
}

/** Throw the GatewayError when the body is a single `ERR:` line. */
function throwIfError(body: string): void {
  const err = wholeRequestError(body);
  if (err) throw errFromLine(err);
}

const FIELD_KEYS = ['id', 'to', 'status', 'charge'] as const;
type FieldKey = (typeof FIELD_KEYS)[number];
// Fields are separated by white space; `x-To:` or `x,To:` is not a form any server sends, so it stays unreadable.
// `apiMsgId:` is the real gateway's key for the message ID in getmsgcharge answers (Net::Clickatell 0.5 on
// CPAN, written against HTTP API spec 2.4.1, documents `apiMsgId: add8f… charge: 0 status: 001`), so it
// is read as the ID key.
const FIELD_MARKER = /(^|\s)(apiMsgId|ID|To|Status|Charge)\s*:/gi;

/**
 * Split `ID: x To: y Status: z Charge: w` (keys in any case and order, each at most once) into fields.
 * Null when the line is anything else: text before the first key, an unknown or repeated key.
 */
export function parseFieldLine(line: string): Partial<Record<FieldKey, string>> | null {
  const text = line.trim();
  const markers: Array<{ key: FieldKey; start: number; end: number }> = [];
  for (const match of text.matchAll(FIELD_MARKER)) {
    const start = (match.index ?? 0) + match[1].length;
    const name = match[2].toLowerCase();
    markers.push({ key: (name === 'apimsgid' ? 'id' : name) as FieldKey, start, end: (match.index ?? 0) + match[0].length });
  }
  if (markers.length === 0 || markers[0].start !== 0) return null;
  const fields: Partial<Record<FieldKey, string>> = {};
  for (let i = 0; i < markers.length; i++) {
    const { key, end } = markers[i];
    if (fields[key] !== undefined) return null;
    const value = text.slice(end, i + 1 < markers.length ? markers[i + 1].start : text.length).trim();
    if (value === '' || /\s/.test(value)) return null;
    fields[key] = value;
  }
  return fields;
}

const MESSAGE_ID = /^[A-Za-z0-9._-]+$/;
const RECIPIENT = /^\+?\d+$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

function parseNumber(value: string | undefined): number | null {
  if (value === undefined || !NUMBER.test(value)) return null;
  return Number(value);
}

/** Value of a single `<key>: <value>` line, or null. The value may be empty (`OK: `). */
function keyedValue(body: string, key: string): string | null {
  const lines = bodyLines(body);
  if (lines.length !== 1) return null;
  const match = new RegExp(`^${key}\\s*:(.*)$`, 'i').exec(lines[0]);
  return match ? match[1].trim() : null;
}

// ---------------------------------------------------------------------------------------------------
// auth, ping, token_pay, getbalance, coverage

/** `auth` -> the session id. Only the session helper calls this; the id must never reach errors or events. */
export function parseAuthResponse(body: string): string {
  throwIfError(body);
  const value = keyedValue(body, 'OK');
  // The spec says a 32-character hex string; any single token is accepted (emulators use other forms).
  if (value === null || !/^[A-Za-z0-9._-]+$/.test(value)) throw malformed('auth', body);
  return value;
}

/** `ping` -> nothing on `OK:` (with or without a value). */
export function parsePingResponse(body: string): void {
  throwIfError(body);
  if (keyedValue(body, 'OK') === null) throw malformed('ping', body);
}

export interface TokenPayResult {
  ok: true;
  /** The value after `OK:` (the spec's example: '605'). */
  value: string;
  raw: Record<string, unknown>;
}

/** `token_pay` -> `OK: 605`. */
export function parseTokenPayResponse(body: string): TokenPayResult {
  throwIfError(body);
  const value = keyedValue(body, 'OK');
  if (value === null) throw malformed('token_pay', body);
  return { ok: true, value, raw: { OK: value } };
}

/**
 * `getbalance` -> `Credit: 12.5` (may be negative on post-paid accounts). Credits, so no currency.
 * `Credits: 12.5` (plural) is read too: Clickatell's own archived page "Retrieve account balance"
 * (docs.clickatell.com, archive, SMS HTTP/S API) gives `Credits: 123.00` as the successful answer.
 */
export function parseBalanceResponse(body: string): BalanceResult {
  throwIfError(body);
  const value = keyedValue(body, 'Credits?');
  const balance = value === null ? null : parseNumber(value);
  if (value === null || balance === null) throw malformed('getbalance', body);
  return { provider: PROVIDER, balance, currency: null, raw: { Credit: value } };
}

const COVERAGE_CHARGE = /^(.*?)\s*\bCharge\s*:\s*(\S+)$/i;

/**
 * Route coverage (not in the spec; Clickatell's published behaviour): `OK: <text> Charge: <n>` when the
 * prefix is routable, `ERR: <text>` without a code when it is not. A coded `ERR: nnn, text` is a real
 * error (authentication, parameters) and is thrown.
 */
export function parseCoverageResponse(body: string, destination: string): CoverageResult {
  throwIfError(body);
  const ok = keyedValue(body, 'OK');
  if (ok !== null) {
    const charged = COVERAGE_CHARGE.exec(ok);
    const charge = charged ? parseNumber(charged[2]) : null;
    if (charged && charge === null) throw malformed('coverage', body);
    const text = charged ? charged[1].trim() : ok;
    return { provider: PROVIDER, destination, routable: true, minimumCharge: charge, raw: { OK: text, ...(charged ? { Charge: charged[2] } : {}) } };
  }
  const err = keyedValue(body, 'ERR');
  if (err !== null && err !== '' && !/^\d/.test(err)) {
    return { provider: PROVIDER, destination, routable: false, minimumCharge: null, raw: { ERR: err } };
  }
  throw malformed('coverage', body);
}

// ---------------------------------------------------------------------------------------------------
// querymsg, getmsgcharge, delmsg

/**
 * `querymsg` / `delmsg` -> `ID: x Status: nnn`; `getmsgcharge` -> `ID: x Charge: n Status: nnn` (the
 * seed spec's form) or `apiMsgId: x charge: n status: nnn` (what the real gateway sends, see
 * FIELD_MARKER). Keys in any case and order. An answer without the ID (`charge: n status: nnn`) is read
 * only when the caller says which ID it asked about (`requestedId`); without it the answer cannot be
 * tied to a message and is malformed.
 * Returns a 'message.status' event with the normalized state beside the provider's code and text. The
 * answer does not say when the status was reached, so `timestamp` is null (not the time we asked).
 */
export function parseStatusResponse(body: string, command: 'querymsg' | 'getmsgcharge' | 'delmsg', requestedId?: string): SmsEvent {
  throwIfError(body);
  const lines = bodyLines(body);
  const parsed = lines.length === 1 ? parseFieldLine(lines[0]) : null;
  const requested = typeof requestedId === 'string' && MESSAGE_ID.test(requestedId.trim()) ? requestedId.trim() : undefined;
  const fields = parsed && parsed.id === undefined && requested !== undefined ? { ...parsed, id: requested } : parsed;
  if (!fields || fields.id === undefined || fields.status === undefined || fields.to !== undefined) throw malformed(command, body);
  if (!MESSAGE_ID.test(fields.id)) throw malformed(command, body);
  // An answer about another message than the one asked for is not this message's status. IDs are hex,
  // so an ID typed in upper case is the same message.
  if (requested !== undefined && fields.id.toLowerCase() !== requested.toLowerCase()) {
    throw malformed(command, body, `the answer is for message ${fields.id}, not ${requested}`);
  }
  const code = canonicalStatusCode(fields.status);
  const status = code === null ? null : clickatellStatus(code);
  if (status === null) throw malformed(command, body);
  const charge = parseNumber(fields.charge);
  if (fields.charge !== undefined && charge === null) throw malformed(command, body);
  if (command === 'getmsgcharge' && charge === null) throw malformed(command, body);
  if (command !== 'getmsgcharge' && fields.charge !== undefined) throw malformed(command, body);
  const raw: Record<string, unknown> = { ID: fields.id, Status: fields.status };
  if (fields.charge !== undefined) raw.Charge = fields.charge;
  return makeEvent({
    type: 'message.status',
    provider: PROVIDER,
    messageId: fields.id,
    state: status.state,
    final: status.final,
    error: status.error,
    providerCode: status.code,
    providerDescription: status.description,
    charge,
    raw,
  });
}

// ---------------------------------------------------------------------------------------------------
// sendmsg

/** What the parser needs to know about the send it reads the answer of (see requests.ts PreparedSend). */
export interface SendContext {
  /** Normalized recipients (digits), in request order. */
  recipients: string[];
  /** The recipients as the caller gave them (outcome.to); defaults to `recipients`. */
  requested?: string[];
  text: string;
  from: string | null;
  clientReference: string | null;
  encoding: Encoding;
  parts: number;
}

/**
 * Codes that concern the request or the account rather than a recipient (authentication, session,
 * IP lockdown, API ID, internal error): the whole send failed, so they are thrown, as SmsGateway asks.
 * Any other uncoded-recipient `ERR:` applies to every recipient of the request and is reported per recipient.
 */
const REQUEST_LEVEL_CODES = new Set(['001', '002', '003', '005', '007', '108', '901']);

type LineResult = { kind: 'id'; id: string; to?: string; raw: Record<string, unknown> } | { kind: 'err'; err: ErrLine };

function readSendLine(line: string): LineResult | null {
  const err = parseErrLine(line);
  if (err) return { kind: 'err', err };
  const fields = parseFieldLine(line);
  if (!fields || fields.id === undefined || fields.status !== undefined || fields.charge !== undefined) return null;
  if (!MESSAGE_ID.test(fields.id)) return null;
  if (fields.to !== undefined && !RECIPIENT.test(fields.to)) return null;
  const raw: Record<string, unknown> = { ID: fields.id };
  if (fields.to !== undefined) raw.To = fields.to;
  return fields.to === undefined ? { kind: 'id', id: fields.id, raw } : { kind: 'id', id: fields.id, to: fields.to.replace(/^\+/, ''), raw };
}

/**
 * `sendmsg` -> one outcome per requested recipient, in request order. `To:` lines are matched to
 * recipients by digits (a repeated number takes the next unmatched slot); a single recipient may be
 * answered without `To:`. A recipient the answer does not mention is an error outcome; a recipient we
 * did not ask for makes the whole answer malformed.
 */
export function parseSendResponse(body: string, context: SendContext, now: Date = new Date()): RecipientOutcome[] {
  const { recipients } = context;
  const requested = context.requested ?? recipients;
  const lines = bodyLines(body);
  if (lines.length === 0) throw malformed('sendmsg', body);
  const results = lines.map((line) => readSendLine(line));
  if (results.some((result) => result === null)) throw malformed('sendmsg', body);
  const parsed = results as LineResult[];

  const timestamp = now.toISOString();
  const success = (index: number, id: string, raw: Record<string, unknown>): RecipientOutcome => ({
    to: requested[index],
    ok: true,
    event: makeEvent({
      type: 'message.sent',
      provider: PROVIDER,
      messageId: id,
      clientReference: context.clientReference,
      to: recipients[index],
      from: context.from,
      text: context.text,
      state: 'accepted',
      providerCode: null,
      encoding: context.encoding,
      parts: context.parts,
      timestamp,
      raw,
    }),
  });
  const failure = (index: number, err: ErrLine): RecipientOutcome => ({
    to: requested[index],
    ok: false,
    error: errFromLine({ ...err, to: recipients[index] }),
  });

  // One line without To: answers the whole request.
  if (parsed.length === 1 && (parsed[0].kind === 'id' ? parsed[0].to === undefined : parsed[0].err.to === undefined)) {
    const only = parsed[0];
    if (only.kind === 'err') {
      if (REQUEST_LEVEL_CODES.has(only.err.code)) throw errFromLine(only.err);
      return recipients.map((_, index) => failure(index, only.err));
    }
    if (recipients.length !== 1) throw malformed('sendmsg', body, 'one message ID for several recipients, without To:');
    return [success(0, only.id, only.raw)];
  }

  const outcomes: Array<RecipientOutcome | undefined> = new Array(recipients.length).fill(undefined);
  for (const result of parsed) {
    const to = result.kind === 'id' ? result.to : result.err.to;
    if (to === undefined) throw malformed('sendmsg', body, 'a result line without To: in a multi-recipient answer');
    const index = recipients.findIndex((recipient, i) => recipient === to && outcomes[i] === undefined);
    if (index === -1) throw malformed('sendmsg', body, `a result for a recipient that was not requested (${to})`);
    outcomes[index] = result.kind === 'id' ? success(index, result.id, result.raw) : failure(index, result.err);
  }
  return outcomes.map(
    (outcome, index) =>
      outcome ?? {
        to: requested[index],
        ok: false as const,
        error: new GatewayError({
          provider: PROVIDER,
          code: 'MALFORMED_RESPONSE',
          providerText: 'the answer has no result for this recipient',
          hint: 'The gateway may have accepted the message; check the Clickatell reports before sending again.',
          delivery: 'unknown',
          retryable: false,
          recipient: recipients[index],
        }),
      },
  );
}
