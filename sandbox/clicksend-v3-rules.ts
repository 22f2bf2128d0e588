import type { CallbackDispatcher } from './callbacks';
import type { SandboxMessage } from './message-store';
import type { AccountState, InboundRecord } from './state';
import { unixSeconds } from './wire';

/**
 * ClickSend REST v3 automation rules (../shared/specs/clicksend-rest-api-v3.md §7): per account, the URL
 * actions that make ClickSend push inbound messages and delivery receipts. Kept beside the account object,
 * so a sandbox reset (which builds new account objects) forgets them.
 *
 * What the pushes carry:
 * - inbound: the fields of the JSON example ClickSend ships with its own n8n trigger (C8), in the rule's
 *   `webhook_type`: JSON body, form POST (ClickSend's default) or GET query. That the post and get forms
 *   carry the same names is the sandbox's assumption (ClickSend documents only the JSON example).
 * - delivery receipts: ClickSend documents no receipt push body and no `webhook_type` for receipt rules
 *   (§7.2, §7.4), so the sandbox posts the fields of a pulled receipt record (C1 §4) as a form: an
 *   assumption, listed in docs/current-apis.md.
 * Neither push carries the sandbox's callback token: ClickSend has no signing or auth option for URL
 * actions (§7.5), so a receiver must put its own secret in the URL it registers.
 */

export type WebhookType = 'post' | 'get' | 'json';

export interface V3InboundRule {
  inbound_rule_id: number;
  dedicated_number: string;
  rule_name: string;
  message_search_type: number;
  message_search_term: string;
  action: string;
  action_address: string;
  enabled: number;
  webhook_type: WebhookType;
}

export interface V3ReceiptRule {
  receipt_rule_id: number;
  rule_name: string;
  match_type: number;
  action: string;
  action_address: string;
  enabled: number;
}

interface Rules {
  inbound: Map<number, V3InboundRule>;
  receipts: Map<number, V3ReceiptRule>;
}

/** Most rules of each kind per account: enough for any test, bounded against a client creating them in a loop. */
export const MAX_RULES = 100;

const store = new WeakMap<AccountState, Rules>();
let nextId = 1;

export function rulesOf(account: AccountState): Rules {
  let rules = store.get(account);
  if (!rules) {
    rules = { inbound: new Map(), receipts: new Map() };
    store.set(account, rules);
  }
  return rules;
}

export function newRuleId(): number {
  return nextId++;
}

export function hasReceiptRules(account: AccountState): boolean {
  const rules = store.get(account);
  return rules !== undefined && [...rules.receipts.values()].some((rule) => rule.enabled === 1 && rule.action === 'URL');
}

function digits(value: string): string {
  return value.replace(/\D/g, '');
}

/** message_search_type: 0 any message, 1 starts with, 2 contains, 3 does not contain (C5); case is ignored. */
function matches(rule: V3InboundRule, record: InboundRecord): boolean {
  if (rule.enabled !== 1 || rule.action !== 'URL') return false;
  if (rule.dedicated_number !== '*' && digits(rule.dedicated_number) !== digits(record.to)) return false;
  const text = record.text.toLowerCase();
  const term = rule.message_search_term.toLowerCase();
  switch (rule.message_search_type) {
    case 1:
      return text.startsWith(term);
    case 2:
      return text.includes(term);
    case 3:
      return !text.includes(term);
    default:
      return true;
  }
}

/** The inbound record as the pull (GET /v3/sms/inbound) and the push show it. */
export function inboundFields(record: InboundRecord, original: SandboxMessage | undefined, account: AccountState): Record<string, string> {
  return {
    originalsenderid: record.to,
    body: record.text,
    message: record.text,
    sms: record.from,
    from: record.from,
    to: record.to,
    timestamp: String(unixSeconds(record.receivedAt)),
    message_id: record.id,
    original_message_id: original?.id ?? '',
    original_body: original?.text ?? '',
    user_id: String(userIdOf(account)),
    subaccount_id: String(userIdOf(account)),
    custom_string: original?.clientReference ?? '',
  };
}

/** A stable numeric user id for an account (ClickSend's records carry one; the sandbox has names only). */
export function userIdOf(account: AccountState): number {
  let hash = 0;
  for (const char of account.id) hash = (hash * 31 + char.charCodeAt(0)) % 900_000;
  return 100_000 + hash;
}

/** Push an inbound message to every matching inbound rule of the account. */
export function pushInbound(callbacks: CallbackDispatcher, account: AccountState, record: InboundRecord, original: SandboxMessage | undefined): number {
  const rules = store.get(account);
  if (!rules) return 0;
  let pushed = 0;
  for (const rule of rules.inbound.values()) {
    if (!matches(rule, record)) continue;
    const sent = callbacks.send('clicksend-reply', account, rule.action_address, inboundFields(record, original, account), record.id, {
      format: rule.webhook_type,
      auth: 'none',
    });
    if (sent) pushed++;
  }
  return pushed;
}

/** ClickSend's receipt status for a final Clickatell-style code: 201 delivered, 301 failed (C7). */
function receiptStatus(code: string): { status_code: string; status_text: string; error_code: string; error_text: string } {
  if (code === '004') return { status_code: '201', status_text: 'Success: Message received on handset.', error_code: '', error_text: '' };
  if (code === '010') return { status_code: '301', status_text: 'Failed: Delivery receipt expired.', error_code: '301', error_text: 'Delivery receipt expired' };
  return { status_code: '301', status_text: 'Failed: Unknown failure.', error_code: '301', error_text: 'Unknown failure' };
}

/** A delivery receipt record (C1 §4 field names) for a message that reached its final status. */
export function receiptFields(message: SandboxMessage, finalCode: string, finalAt: number): Record<string, string> {
  return {
    timestamp_send: String(unixSeconds(message.scheduledFor ?? message.createdAt)),
    timestamp: String(unixSeconds(finalAt)),
    message_id: message.id,
    ...receiptStatus(finalCode),
    custom_string: message.clientReference,
    _message_type: 'sms',
  };
}

/** Push a message's delivery receipt to every receipt rule of the account. */
export function pushReceipt(callbacks: CallbackDispatcher, account: AccountState, message: SandboxMessage): number {
  const rules = store.get(account);
  const final = message.steps[message.steps.length - 1];
  if (!rules || !final) return 0;
  let pushed = 0;
  for (const rule of rules.receipts.values()) {
    if (rule.enabled !== 1 || rule.action !== 'URL') continue;
    if (callbacks.send('clicksend-delivery', account, rule.action_address, receiptFields(message, final.code, final.at), message.id, { format: 'post', auth: 'none' })) pushed++;
  }
  return pushed;
}
