import { API_LIMITS, MAX_DELAY_MINUTES } from '../gateways/limits';
import { fromUcs2Hex } from '../gateways/text/ucs2';
import {
  DEFAULT_VALIDITY_MINUTES,
  clickatellErrorText,
  clickatellRate,
  findOwnMessage,
  ipAllowed,
  isClickatellNumber,
  measureGsm,
  measureUnicode,
  type MeasuredText,
  sendClickatell,
  senderError,
} from './clickatell-core';
import type { SandboxCore } from './core';
import type { AccountState } from './state';
import { readSingleByteText } from './legacy-text';
import { classifyNumber } from './test-numbers';
import { formatDecimal, readParams, type Reply, type RequestContext, textReply } from './wire';

/**
 * Clickatell HTTP API (legacy): /http/<command> and /utils/routeCoverage, GET or POST, `.php` accepted.
 * Answers are text lines: `OK: ...`, `ID: ...`, `Credit: ...` or `ERR: nnn, description` (always HTTP 200,
 * as the API does; the status is in the text).
 */

export const CLICKATELL_HTTP_COMMANDS = ['auth', 'ping', 'sendmsg', 'querymsg', 'getmsgcharge', 'delmsg', 'getbalance', 'token_pay'] as const;

type Params = Map<string, string>;
type Auth = { account: AccountState } | { error: string };

class Refusal {
  constructor(readonly code: string) {}
}

const LIMITS = API_LIMITS['clickatell-http'];

function err(code: string, now: number, to?: string): string {
  return `ERR: ${code}, ${clickatellErrorText(code, 'http', now)}${to === undefined ? '' : ` To: ${to}`}`;
}

function ok(body: string): Reply {
  return textReply(200, body);
}

export function handleClickatellHttp(core: SandboxCore, context: RequestContext, command: string): Reply {
  if (context.method !== 'GET' && context.method !== 'POST') return textReply(405, 'Method Not Allowed', { allow: 'GET, POST' });
  const params = readParams(context, true);
  const now = context.now;
  if (command === 'auth') return ok(authCommand(core, context, params));
  const auth = authenticate(core, context, params);
  if ('error' in auth) return ok(err(auth.error, now));
  const { account } = auth;
  try {
    switch (command) {
      case 'ping':
        // Spec: success is `OK: ` (with the space).
        return ok('OK: ');
      case 'sendmsg':
        return ok(sendmsg(core, context, params, account));
      case 'querymsg':
      case 'getmsgcharge':
      case 'delmsg':
        return ok(messageCommand(core, command, params, account, now));
      case 'getbalance':
        return ok(`Credit: ${formatDecimal(account.balance)}`);
      case 'token_pay':
        return ok(tokenPay(core, params, account));
      case 'routecoverage':
        return ok(routeCoverage(params, account));
      default:
        return textReply(404, 'Not Found');
    }
  } catch (error) {
    if (error instanceof Refusal) return ok(err(error.code, now));
    throw error;
  }
}

function authCommand(core: SandboxCore, context: RequestContext, params: Params): string {
  const auth = checkCredentials(core, context, params);
  if ('error' in auth) return err(auth.error, context.now);
  return `OK: ${core.state.openSession(auth.account.id, context.now)}`;
}

/** A session_id, or api_id + user + password on the request itself: both work on every command. */
function authenticate(core: SandboxCore, context: RequestContext, params: Params): Auth {
  const session = params.get('session_id')?.trim();
  if (session) {
    if (context.expireSession) core.state.expireSession(session);
    // An unknown session id and an expired one look the same to the API: 003 Session ID expired.
    const account = core.state.useSession(session, context.now);
    if (!account) return { error: '003' };
    return ipAllowed(account, context.remoteAddress) ? { account } : { error: '007' };
  }
  if (!params.has('api_id') && !params.has('user') && !params.has('password')) return { error: '005' };
  return checkCredentials(core, context, params);
}

function checkCredentials(core: SandboxCore, context: RequestContext, params: Params): Auth {
  const apiId = params.get('api_id')?.trim();
  if (!apiId) return { error: '108' };
  const candidates = core.state.findClickatellHttp(apiId);
  if (candidates.length === 0) return { error: '108' };
  const user = params.get('user') ?? '';
  const account = candidates.find((candidate) => candidate.config.user === user);
  if (!account) return { error: user === '' ? '001' : '002' };
  if (account.config.password !== params.get('password')) return { error: '001' };
  return ipAllowed(account, context.remoteAddress) ? { account } : { error: '007' };
}

// sendmsg -------------------------------------------------------------------------------------------

function sendmsg(core: SandboxCore, context: RequestContext, params: Params, account: AccountState): string {
  const now = context.now;
  const to = params.get('to');
  const text = params.get('text');
  if (to === undefined || to.trim() === '' || text === undefined) throw new Refusal('101');
  if (text === '') throw new Refusal('107');
  const recipients = to
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (recipients.length === 0) throw new Refusal('101');
  // Intro: "up to 300 numbers with an HTTP GET and 600 with HTTP POST". The spec names no error for more;
  // the sandbox answers 101 (invalid parameters) for the whole request.
  const limit = context.method === 'GET' ? LIMITS.maxRecipientsGet : LIMITS.maxRecipientsPerRequest;
  if (recipients.length > limit) throw new Refusal('101');

  const unicode = flag(params, 'unicode');
  let measured: MeasuredText;
  if (unicode) {
    let decoded: string;
    try {
      decoded = fromUcs2Hex(text.replace(/\s+/g, ''));
    } catch {
      throw new Refusal('116');
    }
    if (decoded === '') throw new Refusal('107');
    measured = measureUnicode(decoded);
  } else {
    // Without unicode=1 the gateway reads `text` as Windows-1252 bytes, not UTF-8 (the rule and its
    // sources: gateways/clickatell-http/text-rule.ts); measureGsm then shows what a GSM handset gets.
    const singleByte = readSingleByteText(context) ?? text;
    if (singleByte === '') throw new Refusal('107');
    measured = measureGsm(singleByte);
  }
  const maxParts = integer(params, 'concat', 1, LIMITS.maxParts, '101') ?? account.config.defaultMaxParts ?? LIMITS.maxParts;
  if (measured.parts > maxParts) throw new Refusal('113');

  const from = params.get('from')?.trim() ?? '';
  if (from !== '') {
    const problem = senderError(from, account);
    if (problem) throw new Refusal(problem);
  }
  const clientReference = params.get('climsgid')?.trim() ?? '';
  // Spec: "alphanumeric characters of maximum of 32 characters"; '-', '_' and '.' are let through as
  // clients commonly use them in references.
  if (clientReference !== '' && !/^[A-Za-z0-9._-]{1,32}$/.test(clientReference)) throw new Refusal('101');
  const callback = integer(params, 'callback', 0, 7, '101') ?? 0;
  const mo = flag(params, 'mo');
  const escalate = flag(params, 'escalate');
  const queue = integer(params, 'queue', 1, 3, '101');
  const validity = integer(params, 'validity', 1, Number.MAX_SAFE_INTEGER, '101');
  const requiredFeatures = integer(params, 'req_feat', 0, Number.MAX_SAFE_INTEGER, '101');
  const maxCredits = decimal(params, 'max_credits');
  const messageType = (params.get('msg_type') ?? 'SMS_TEXT').trim().toUpperCase() || 'SMS_TEXT';
  if (messageType !== 'SMS_TEXT' && messageType !== 'SMS_FLASH') throw new Refusal('101');
  const udh = params.get('udh')?.trim();
  if (udh && !/^(?:[0-9A-Fa-f]{2})+$/.test(udh)) throw new Refusal('102');
  const delayMs = deliveryDelay(params, now);

  const options: Record<string, string | number | boolean> = { method: context.method, maxParts, messageType };
  if (mo) options.mo = true;
  if (escalate) options.escalate = true;
  if (queue !== null) options.queue = queue;
  if (validity !== null) options.validityMinutes = validity;
  if (requiredFeatures !== null) options.requiredFeatures = requiredFeatures;
  if (maxCredits !== null) options.maxCredits = maxCredits;
  if (udh) options.udh = udh.toUpperCase();
  if (unicode) options.unicode = true;

  const results = sendClickatell(
    core,
    {
      api: 'http',
      account,
      recipients,
      measured,
      from,
      clientReference,
      callback,
      delayMs,
      validityMinutes: validity ?? DEFAULT_VALIDITY_MINUTES,
      maxCredits,
      bypassDnc: false,
      options,
    },
    now,
  );
  // Spec: a single recipient gets `ID: x` or `ERR: ...`; several get one line each with ` To: <recipient>`.
  if (recipients.length === 1) {
    const [result] = results;
    return result.ok ? `ID: ${result.message.id}` : err(result.code, now);
  }
  return results.map((result) => (result.ok ? `ID: ${result.message.id} To: ${result.to}` : err(result.code, now, result.to))).join('\n');
}

/** deliv_time (minutes, at most 10080) or scheduled_time (unix time, at most 7 days ahead): error 120 otherwise. */
function deliveryDelay(params: Params, now: number): number | null {
  const minutes = integer(params, 'deliv_time', 0, MAX_DELAY_MINUTES, '120');
  const scheduled = params.get('scheduled_time')?.trim();
  let delay: number | null = minutes === null || minutes === 0 ? null : minutes * 60_000;
  if (scheduled) {
    if (!/^\d{1,12}$/.test(scheduled)) throw new Refusal('120');
    const ahead = Number(scheduled) * 1000 - now;
    // "the message can be sent out up to 5 minutes later than specified": allow that much slack.
    if (ahead > MAX_DELAY_MINUTES * 60_000 + 5 * 60_000) throw new Refusal('120');
    if (ahead > 0) delay = Math.max(delay ?? 0, ahead);
  }
  return delay;
}

// querymsg, getmsgcharge, delmsg ------------------------------------------------------------------------

function messageCommand(core: SandboxCore, command: string, params: Params, account: AccountState, now: number): string {
  const apiMsgId = params.get('apimsgid')?.trim();
  const clientReference = params.get('climsgid')?.trim();
  if (!apiMsgId && !clientReference) throw new Refusal('109');
  const message = findOwnMessage(core, account, apiMsgId, clientReference);
  if (!message) throw new Refusal(apiMsgId ? '103' : '104');
  if (command === 'delmsg') core.lifecycle.cancel(message, now);
  const status = core.lifecycle.status(message, now);
  // The real gateway answers getmsgcharge as `apiMsgId: <id> charge: <n> status: <code>` (lower-case keys,
  // apiMsgId rather than ID): Net::Clickatell 0.5 (CPAN, spec 2.4.1) documents
  // `apiMsgId: add8f… charge: 0 status: 001`, and a second Perl client documents
  // `apiMsgId: 18e8… charge: 0.33 status: 004`. The seed spec's `ID: … Charge: … Status: …` is what
  // several real clients misread, so the sandbox answers as the gateway does (docs/protocol-fidelity.md).
  if (command === 'getmsgcharge') return `apiMsgId: ${message.id} charge: ${formatDecimal(message.charge)} status: ${status}`;
  return `ID: ${message.id} Status: ${status}`;
}

// token_pay -------------------------------------------------------------------------------------------

function tokenPay(core: SandboxCore, params: Params, account: AccountState): string {
  const token = params.get('token')?.trim();
  const credits = token ? core.state.vouchers.get(token) : undefined;
  // The spec gives no error for an unknown voucher; 101 (invalid parameter) is the closest.
  if (credits === undefined) throw new Refusal('101');
  account.refund(credits);
  // Spec example `OK: 605`: the credits the voucher added. Demo vouchers can be redeemed repeatedly.
  return `OK: ${formatCredits(credits)}`;
}

function formatCredits(credits: number): string {
  return Number.isInteger(credits) ? String(credits) : formatDecimal(credits);
}

// routeCoverage ---------------------------------------------------------------------------------------

/**
 * /utils/routeCoverage?msisdn=...: the spec lists coverage without its answer, so the sandbox follows
 * Clickatell's published HTTP API document: `OK: <text> Charge: <n>` or `ERR: <text>` (no code).
 */
function routeCoverage(params: Params, account: AccountState): string {
  const msisdn = params.get('msisdn')?.trim();
  if (!msisdn) throw new Refusal('101');
  if (!isClickatellNumber(msisdn)) throw new Refusal('105');
  const outcome = classifyNumber(msisdn).outcome;
  if (outcome.kind === 'reject' && outcome.code === '114') {
    return 'ERR: This prefix is not currently supported. Messages sent to this prefix will fail. Please contact support for assistance.';
  }
  return `OK: This prefix is currently supported. Messages sent to this prefix will be routed. Charge: ${formatDecimal(clickatellRate(account, msisdn))}`;
}

// parameter readers -----------------------------------------------------------------------------------

function flag(params: Params, name: string): boolean {
  const value = params.get(name)?.trim();
  if (value === undefined || value === '') return false;
  if (value === '0') return false;
  if (value === '1') return true;
  throw new Refusal('101');
}

function integer(params: Params, name: string, min: number, max: number, code: string): number | null {
  const value = params.get(name)?.trim();
  if (value === undefined || value === '') return null;
  if (!/^\d{1,16}$/.test(value)) throw new Refusal(code);
  const number = Number(value);
  if (number < min || number > max) throw new Refusal(code);
  return number;
}

function decimal(params: Params, name: string): number | null {
  const value = params.get(name)?.trim();
  if (value === undefined || value === '') return null;
  if (!/^\d{1,6}(\.\d{1,6})?$/.test(value) || Number(value) <= 0) throw new Refusal('101');
  return Number(value);
}
