import { clickatellError } from '../gateways/codes/clickatell-errors';
import { normalizeNumber } from '../gateways/text/numbers';
import { analyzeText, type TextAnalysis } from '../gateways/text/segments';
import { nonGsm7Characters } from '../gateways/text/encoding';
import { CLICKATELL_DEFAULT_RATE } from './config';
import type { SandboxCore } from './core';
import { clickatellMessageId } from './ids';
import type { MessageEncoding, SandboxMessage, Step } from './message-store';
import type { AccountState } from './state';
import { classifyNumber, type Outcome } from './test-numbers';

/** Rules both Clickatell APIs share: sender IDs, numbers, charging, idempotency and the send itself. */

/** Clickatell's test ranges cost 1/3 of a credit (REST spec, "Testing the Clickatell Gateway"). */
export const CLICKATELL_TEST_RATE = 1 / 3;
/** Validity period when the request gives none (REST spec: default 24 hours). */
export const DEFAULT_VALIDITY_MINUTES = 24 * 60;

/** The error's description from the shared table, with the timestamp error 130 carries. */
export function clickatellErrorText(code: string, api: 'http' | 'rest', now = Date.now()): string {
  const description = clickatellError(code, api)?.description ?? 'Internal error';
  // Spec: "130 | Maximum MT limit exceeded until <UNIX TIME STAMP>": the limit resets at the next UTC day.
  return code === '130' ? `${description} until ${nextUtcDay(now)}` : description;
}

export function nextUtcDay(now: number): number {
  return (Math.floor(now / 86_400_000) + 1) * 86_400;
}

/**
 * Error code for a sender ID, or null when it is usable. Numeric senders are international digits (up
 * to 16); alphanumeric ones up to 11 characters. An account with `approvedSenderIds` only accepts those
 * (error 123, "needs to be registered and approved").
 */
export function senderError(from: string, account: AccountState): string | null {
  if (/^\d{1,16}$/.test(from)) return null;
  if (!/^[A-Za-z0-9][A-Za-z0-9 ]{0,10}$/.test(from) || !/[A-Za-z]/.test(from)) return '106';
  const approved = account.config.approvedSenderIds;
  if (approved && !approved.includes(from)) return '123';
  return null;
}

/** True for a destination in Clickatell's form: international digits, no '+', no '00', no spaces. */
export function isClickatellNumber(to: string): boolean {
  // Fast path for the common case; the same rule as normalizeNumber for a string of digits (7–15, no leading 0).
  if (/^[1-9]\d{6,14}$/.test(to)) return true;
  try {
    return normalizeNumber(to, 'digits') === to;
  } catch {
    return false;
  }
}

/** Credits per part for a destination on this account. */
export function clickatellRate(account: AccountState, to: string): number {
  return classifyNumber(to).clickatellTest ? CLICKATELL_TEST_RATE : (account.config.rate ?? CLICKATELL_DEFAULT_RATE);
}

export interface MeasuredText {
  text: string;
  encoding: MessageEncoding;
  parts: number;
  replacedCharacters?: string[];
}

/**
 * Encoding and parts of a text sent without `unicode=1`: characters GSM-7 cannot carry reach the
 * handset as '?' (what a GSM-7 route does with them); the sandbox records which ones were replaced.
 */
export function measureGsm(text: string): MeasuredText {
  const replaced = nonGsm7Characters(text);
  if (replaced.length === 0) return fromAnalysis(text, analyzeText(text, 'off'));
  const onAir = [...text].map((char) => (replaced.includes(char) ? '?' : char)).join('');
  return { ...fromAnalysis(onAir, analyzeText(onAir, 'off')), replacedCharacters: replaced };
}

export function measureUnicode(text: string): MeasuredText {
  return fromAnalysis(text, analyzeText(text, 'on'));
}

/** Binary (8-bit) content is hex: 140 bytes fit one part, 134 each once concatenated (6-byte UDH). */
export function measureBinary(hex: string): MeasuredText {
  const bytes = hex.length / 2;
  return { text: hex, encoding: 'binary', parts: bytes <= 140 ? 1 : Math.ceil(bytes / 134) };
}

function fromAnalysis(text: string, analysis: TextAnalysis): MeasuredText {
  return { text, encoding: analysis.encoding, parts: Math.max(1, analysis.parts) };
}

/** Which Clickatell API a send came through; the Portal's two share the legacy APIs' lifecycle and rules. */
export type ClickatellApi = 'http' | 'rest' | 'platform' | 'one';

const API_PROVIDERS = { http: 'clickatell-http', rest: 'clickatell-rest', platform: 'clickatell-platform', one: 'clickatell-one' } as const;

export interface ClickatellSend {
  api: ClickatellApi;
  account: AccountState;
  recipients: string[];
  measured: MeasuredText;
  from: string;
  clientReference: string;
  callback: number;
  /** Real-world delay before delivery starts (deliv_time / scheduled time), unscaled; null for now. */
  delayMs: number | null;
  validityMinutes: number;
  /** Most credits a part may cost (max_credits / maxCredits). */
  maxCredits: number | null;
  bypassDnc: boolean;
  options: Record<string, string | number | boolean>;
}

export type RecipientResult = { to: string; ok: true; message: SandboxMessage } | { to: string; ok: false; code: string };

/**
 * Send one text to each recipient: every recipient gets its own message id, or its own error, as the
 * multi-recipient answers of both APIs report them.
 */
export function sendClickatell(core: SandboxCore, request: ClickatellSend, now: number): RecipientResult[] {
  const { account, measured, api } = request;
  const { lifecycle, state } = core;
  const provider = API_PROVIDERS[api];
  const scheduledFor = request.delayMs === null ? null : now + lifecycle.scale(request.delayMs);
  const startAt = scheduledFor ?? now;
  const validityMs = lifecycle.scale(request.validityMinutes * 60_000);
  // One plan per behaviour, shared by the messages of this request (the steps array is copy-on-write).
  const plans = new Map<Outcome, Step[]>();
  const results: RecipientResult[] = [];
  for (const to of request.recipients) {
    const result = sendOne(to);
    if (result.ok) state.stats.messagesAccepted++;
    else state.stats.messagesRejected++;
    results.push(result);
  }
  return results;

  function sendOne(to: string): RecipientResult {
    if (!isClickatellNumber(to)) return { to, ok: false, code: '105' };
    const behaviour = classifyNumber(to);
    const outcome = behaviour.outcome;
    // 250 is a REST error (the DNC check); the HTTP API has no DNC lookup, so it delivers.
    if (outcome.kind === 'reject' && (outcome.code !== '250' || (api === 'rest' && !request.bypassDnc))) return { to, ok: false, code: outcome.code };
    if (request.clientReference !== '') {
      // Idempotent resend: the same client message id to the same number on the same account gives the
      // message already sent. This is what lets a client retry a request whose answer it lost. Real
      // Clickatell's behaviour for a repeated climsgid is not documented.
      const existing = state.messages.findByReference(account.id, request.clientReference, to);
      if (existing) return { to, ok: true, message: existing };
    }
    const rate = clickatellRate(account, to);
    // maxCredits caps the price of a part; no cheaper route exists in the sandbox, so the message cannot be routed.
    if (request.maxCredits !== null && rate > request.maxCredits) return { to, ok: false, code: '114' };
    const cost = rate * measured.parts;
    if (account.balance < cost - 1e-9) return { to, ok: false, code: '301' };
    if (!account.takeDailyMessage(now)) return { to, ok: false, code: '130' };
    account.charge(cost);
    const effective: Outcome = outcome.kind === 'reject' ? { kind: 'deliver' } : outcome;
    let steps = plans.get(effective);
    if (!steps) {
      steps = lifecycle.plan(effective, startAt, scheduledFor !== null, validityMs);
      plans.set(effective, steps);
    }
    const message: SandboxMessage = {
      id: clickatellMessageId(),
      provider,
      accountId: account.id,
      to,
      from: request.from,
      text: measured.text,
      clientReference: request.clientReference,
      encoding: measured.encoding,
      parts: measured.parts,
      charge: cost,
      price: cost,
      createdAt: now,
      scheduledFor,
      callback: request.callback,
      steps,
      version: 0,
      behaviour: behaviour.label,
      reportable: true,
      replacedCharacters: measured.replacedCharacters,
      options: request.options,
    };
    state.messages.add(message);
    lifecycle.track(message, account);
    return { to, ok: true, message };
  }
}

/** An account's message by id or client reference (other accounts' messages are unknown to it). */
export function findOwnMessage(core: SandboxCore, account: AccountState, apiMsgId: string | undefined, clientReference: string | undefined): SandboxMessage | undefined {
  if (apiMsgId) {
    const message = core.state.messages.get(apiMsgId.trim().toLowerCase());
    return message && message.accountId === account.id ? message : undefined;
  }
  if (clientReference) return core.state.messages.latestByReference(account.id, clientReference.trim());
  return undefined;
}

/** IP lockdown (error 007): requests must come from one of the account's addresses when it has a list. */
export function ipAllowed(account: AccountState, remoteAddress: string): boolean {
  const allowed = account.config.ipLockdown;
  if (!allowed || allowed.length === 0) return true;
  const address = remoteAddress.replace(/^::ffff:/, '');
  return allowed.includes(address) || allowed.includes(remoteAddress);
}
