import { createHash } from 'node:crypto';
import { normalizeNumber } from '../gateways/text/numbers';
import { analyzeText, type TextAnalysis } from '../gateways/text/segments';
import { CLICKSEND_DEFAULT_RATE } from './config';
import type { SandboxCore } from './core';
import { clickSendMessageId } from './ids';
import type { SandboxMessage, Step } from './message-store';
import type { AccountState } from './state';
import { classifyNumber, type Outcome } from './test-numbers';

/**
 * Accepting ClickSend messages, shared by the HTTP v2 (send.php) and REST v3 (/v3/sms/send) emulations:
 * one account, one balance, one throttle, the same test numbers and lifecycle, whichever API sent them.
 * Refusals are the v2 result codes; v3 prints the same outcome by name (gateways/codes/clicksend-results.ts).
 */

/** Dialling codes for the `country` parameter ("transforms your supplied local number"); a sandbox subset. */
const COUNTRY_CODES: Readonly<Record<string, string>> = {
  AU: '61', NZ: '64', US: '1', CA: '1', GB: '44', UK: '44', IE: '353', ZA: '27', IN: '91', CN: '86', DE: '49',
  FR: '33', ES: '34', IT: '39', NL: '31', BE: '32', SE: '46', NO: '47', DK: '45', SG: '65', HK: '852',
  JP: '81', PH: '63', MY: '60', BR: '55', MX: '52',
};

const DEFAULT_VALIDITY_MS = 24 * 3_600_000;
const DELIVER: Outcome = { kind: 'deliver' };

/** +E.164 for a recipient; `country` completes local numbers (leading 0). Null when it is no phone number. */
export function toInternational(raw: string, country: string): string | null {
  // Fast path for numbers already in the form normalizeNumber gives (same rule: 7–15 digits, no leading 0).
  if (/^\+?[1-9]\d{6,14}$/.test(raw)) return raw.startsWith('+') ? raw : `+${raw}`;
  let candidate = raw;
  const code = COUNTRY_CODES[country];
  if (code && /^0\d/.test(raw.replace(/[\s()-]/g, ''))) candidate = `+${code}${raw.replace(/[\s()-]/g, '').slice(1)}`;
  else if (/^\d/.test(raw)) candidate = `+${raw}`;
  try {
    return normalizeNumber(candidate, 'plus');
  } catch {
    return null;
  }
}

/** Spec 2017: "no longer than 11 characters (if alphanumeric), and contains no spaces"; numbers up to 16 digits. */
export function validSender(senderId: string, account: AccountState): boolean {
  if (/^\+?\d{1,16}$/.test(senderId)) return true;
  if (!/^[A-Za-z0-9]{1,11}$/.test(senderId)) return false;
  const approved = account.config.approvedSenderIds;
  return !approved || approved.includes(senderId);
}

/** `schedule`: unix time. A past or unreadable time means now (neither API defines an error for it). */
export function scheduleDelay(value: string | undefined, now: number): number | null {
  const text = value?.trim() ?? '';
  if (!/^\d{1,12}$/.test(text)) return null;
  const ahead = Number(text) * 1000 - now;
  return ahead > 0 ? ahead : null;
}

export interface ClickSendMessageInput {
  /** The recipient as given. */
  raw: string;
  /** The text as it will be sent (already cut to the API's limit). */
  body: string;
  senderId: string;
  customString: string;
  /** Upper-case country code for local numbers, '' for none. */
  country: string;
  /** Unscaled delay until the scheduled time, null to send now. */
  delayMs: number | null;
  options: Record<string, string | number | boolean>;
}

export type ClickSendSubmitResult =
  | { to: string; ok: true; message: SandboxMessage }
  | { to: string; ok: false; code: string; price: number; parts: number };

interface TextInfo {
  analysis: TextAnalysis;
  price: number;
  throttled: (to: string) => boolean;
}

/** One request's submissions: texts, prices, throttle scopes and lifecycle plans are worked out once per request. */
export class ClickSendSubmitter {
  private readonly texts = new Map<string, TextInfo>();
  private readonly senders = new Map<string, boolean>();
  private readonly plans = new Map<number | null, Map<Outcome, Step[]>>();
  private readonly rate: number;

  constructor(
    private readonly core: SandboxCore,
    private readonly account: AccountState,
    private readonly now: number,
  ) {
    this.rate = account.config.rate ?? CLICKSEND_DEFAULT_RATE;
  }

  /** Analysis and price of a text (price per message: rate × parts, 4 decimals). */
  textInfo(body: string): TextInfo {
    let info = this.texts.get(body);
    if (!info) {
      const analysis = analyzeText(body, 'auto');
      // The throttle compares texts; one digest per text keeps its keys short.
      const throttled = this.core.state.throttleCheck(this.account.id, createHash('sha1').update(body).digest('base64'), this.now);
      info = { analysis, price: Math.round(this.rate * analysis.parts * 10_000) / 10_000, throttled };
      this.texts.set(body, info);
    }
    return info;
  }

  /** Accept or refuse one message; refusals carry the v2 result code. Counts it in the sandbox statistics. */
  submit(input: ClickSendMessageInput): ClickSendSubmitResult {
    const result = this.decide(input);
    if (result.ok) this.core.state.stats.messagesAccepted++;
    else this.core.state.stats.messagesRejected++;
    return result;
  }

  private senderOk(senderId: string): boolean {
    if (senderId === '') return true;
    let ok = this.senders.get(senderId);
    if (ok === undefined) {
      ok = validSender(senderId, this.account);
      this.senders.set(senderId, ok);
    }
    return ok;
  }

  private decide(input: ClickSendMessageInput): ClickSendSubmitResult {
    const { account, core, now } = this;
    const info = this.textInfo(input.body);
    const refuse = (to: string, code: string): ClickSendSubmitResult => ({ to, ok: false, code, price: info.price, parts: info.analysis.parts });
    const number = toInternational(input.raw, input.country);
    if (number === null) return refuse(input.raw, '2015');
    if (!this.senderOk(input.senderId)) return refuse(number, '2017');
    const behaviour = classifyNumber(number.slice(1));
    const outcome = behaviour.outcome;
    // Blocked, opted-out, delisted and unroutable numbers: ClickSend has one code for them all. 250 is a
    // Clickatell REST DNC check that ClickSend does not make.
    if (outcome.kind === 'reject' && outcome.code !== '250') return refuse(number, '2015');
    if (info.throttled(number)) return refuse(number, '2016');
    // Test numbers: "A success response will be returned ... This won't use any of your credit."
    const charged = behaviour.clicksendTest ? 0 : info.price;
    if (account.balance < charged - 1e-9) return refuse(number, '2018');
    account.charge(charged);
    const scheduledFor = input.delayMs === null ? null : now + core.lifecycle.scale(input.delayMs);
    const message: SandboxMessage = {
      id: clickSendMessageId(),
      // One account, whichever API sent it: both APIs list and report it (options.api names REST v3).
      provider: 'clicksend',
      accountId: account.id,
      to: number,
      from: input.senderId,
      text: input.body,
      clientReference: input.customString,
      encoding: info.analysis.encoding,
      parts: info.analysis.parts,
      charge: charged,
      price: info.price,
      createdAt: now,
      scheduledFor,
      callback: 0,
      steps: this.plan(outcome.kind === 'reject' ? DELIVER : outcome, scheduledFor),
      version: 0,
      behaviour: behaviour.label,
      // "A delivery report won't be generated when using a test number."
      reportable: !behaviour.clicksendTest,
      options: input.options,
    };
    core.state.messages.add(message);
    core.lifecycle.track(message, account);
    return { to: number, ok: true, message };
  }

  /** Messages of one request with the same outcome and start share one plan (copy on write, message-store.ts). */
  private plan(outcome: Outcome, scheduledFor: number | null): Step[] {
    let byOutcome = this.plans.get(scheduledFor);
    if (!byOutcome) {
      byOutcome = new Map();
      this.plans.set(scheduledFor, byOutcome);
    }
    let steps = byOutcome.get(outcome);
    if (!steps) {
      const lifecycle = this.core.lifecycle;
      steps = lifecycle.plan(outcome, scheduledFor ?? this.now, scheduledFor !== null, lifecycle.scale(DEFAULT_VALIDITY_MS));
      byOutcome.set(outcome, steps);
    }
    return steps;
  }
}
