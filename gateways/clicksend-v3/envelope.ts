import { agreeingHint } from '../codes/agreeing-hint';
import { clickSendV3Result } from '../codes/clicksend-results';
import { GatewayError, malformedResponse } from '../errors';
import { httpFailure } from '../http-failure';
import { isObject, parseJson, text, type Json } from '../json-fields';
import type { HttpResponse } from '../transport';

/**
 * ClickSend REST v3's response envelope (../shared/specs/clicksend-rest-api-v3.md §1.1, C1 and C4):
 * `{"http_code": 200, "response_code": "SUCCESS", "response_msg": "...", "data": ...}`, with the HTTP status
 * table of §1.2 (400 BAD_REQUEST, 401 UNAUTHORIZED, 403 FORBIDDEN, 404 NOT_FOUND, 429, 500). A body that is
 * not such an envelope is MALFORMED_RESPONSE with delivery 'unknown' (a server answered: it may have acted).
 */

export const PROVIDER = 'clicksend-v3' as const;

export { isObject, text, type Json };

export interface Envelope {
  status: number;
  /** `response_code`, upper case ('SUCCESS', 'BAD_REQUEST', 'INVALID_RECIPIENT' ...). */
  code: string;
  message: string | null;
  data: unknown;
}

export function malformed(problem: string, httpStatus?: number): GatewayError {
  return malformedResponse(PROVIDER, problem, httpStatus);
}

/** A number given as a number or a decimal string ("0.070000", C1 examples); absent gives null, garbage throws. */
export function amount(value: unknown, field: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*$/.test(value)) return Number(value);
  throw malformed(`'${field}' is not a number`);
}

/** Unix seconds (number or digits) to ISO 8601; anything else gives null. */
export function unixToIso(value: unknown): string | null {
  const digits = text(value);
  if (digits === null || !/^\d{1,12}$/.test(digits)) return null;
  return new Date(Number(digits) * 1000).toISOString();
}

/** The envelope of any response, or null when the body is not one (HTML error pages, proxies, garbage). */
export function readEnvelope(response: HttpResponse): Envelope | null {
  const json = parseJson(response);
  const code = isObject(json) ? text(json.response_code) : null;
  if (!isObject(json) || code === null) return null;
  return { status: response.status, code: code.toUpperCase(), message: text(json.response_msg), data: json.data };
}

/** A v3 status name as a GatewayError: ClickSend's own text, the table's hint where the text agrees. */
export function resultError(code: string, providerText: string | null, init: { httpStatus?: number; recipient?: string } = {}): GatewayError {
  const info = clickSendV3Result(code);
  return new GatewayError({
    provider: PROVIDER,
    code: info.code,
    providerText: providerText ?? info.text,
    httpStatus: init.httpStatus,
    hint: info.hint ? agreeingHint({ code: info.code, documented: [info.text, info.description], hint: info.hint }, providerText) : undefined,
    recipient: init.recipient,
  });
}

const STATUS_HINTS: Readonly<Record<number, string>> = {
  400: 'ClickSend refused the request; see its message.',
  401: 'Check the API username and key in the credentials.',
  403: 'ClickSend refused this account the request; check the account in the ClickSend dashboard.',
  404: 'Not found: check the id and the base URL.',
  405: 'The method is not allowed here; report this as a bug in the node.',
  429: 'ClickSend is rate limiting; the request can be repeated after a pause.',
  503: 'ClickSend is temporarily unavailable; the request can be repeated after a pause.',
};

/** A failed HTTP status as a GatewayError: the envelope's response_code and text when it has them. */
export function statusError(response: HttpResponse, envelope: Envelope | null, now?: Date): GatewayError {
  const status = response.status;
  const known = envelope ? clickSendV3Result(envelope.code) : undefined;
  const tableHint = known && known.text !== 'Unknown status' ? known.hint : undefined;
  return httpFailure({
    provider: PROVIDER,
    status,
    headers: response.headers ?? {},
    code: envelope?.code,
    providerText: envelope?.message ?? undefined,
    hint:
      tableHint ||
      STATUS_HINTS[status] ||
      (status >= 500 ? 'A gateway error; it may have accepted the request, so check the history before sending again.' : 'Unexpected HTTP status; check the base URL.'),
    now,
  });
}

/**
 * The `data` of a successful answer. A failing status throws statusError; a 2xx whose envelope is missing
 * is MALFORMED_RESPONSE; a 2xx envelope whose response_code is not SUCCESS throws that code.
 */
export function successData(response: HttpResponse, now?: Date): { data: unknown; message: string | null } {
  const envelope = readEnvelope(response);
  if (response.status < 200 || response.status >= 300) throw statusError(response, envelope, now);
  if (envelope === null) throw malformed('the response is not a ClickSend JSON envelope', response.status);
  if (envelope.code !== 'SUCCESS') throw resultError(envelope.code, envelope.message, { httpStatus: response.status });
  return { data: envelope.data, message: envelope.message };
}

/** successData that must be an object. */
export function successObject(response: HttpResponse, what: string, now?: Date): { data: Json; message: string | null } {
  const { data, message } = successData(response, now);
  if (!isObject(data)) throw malformed(`the ${what} response has no data object`, response.status);
  return { data, message };
}
