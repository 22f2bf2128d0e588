import type { HttpResponse } from '../transport';
import { amount, isObject, malformed, successData, successObject, text, type Json } from './envelope';
import type { ClickSendWebhookType } from './requests';

/**
 * Automation rules (../shared/specs/clicksend-rest-api-v3.md §7): the records ClickSend keeps for "when an
 * inbound message / delivery receipt arrives, call this URL". Models: C2 InboundSMSRule and
 * DeliveryReceiptRule; ids: `inbound_rule_id` in the create answer ClickSend's own n8n trigger reads (C8),
 * `sms_inbound_rule_id` in the list example of developers.clicksend.com/docs/automations/sms, and
 * `receipt_rule_id` (C2 model; the docs' receipt-rule create example answers with it).
 */

/** What both kinds of rule have. */
export interface ClickSendRule {
  id: string;
  ruleName: string | null;
  /** The action's address: the URL for a URL action. */
  url: string | null;
  action: string | null;
  enabled: boolean;
  raw: Record<string, unknown>;
}

export interface ClickSendInboundRule extends ClickSendRule {
  dedicatedNumber: string | null;
  webhookType: ClickSendWebhookType | null;
}

export interface ClickSendReceiptRule extends ClickSendRule {
  matchType: number | null;
}

export interface ClickSendV3RuleList<T> {
  rules: T[];
  page: number;
  lastPage: number;
  total: number;
}

function ruleId(record: Json, names: readonly string[], status: number): string {
  for (const name of names) {
    const id = text(record[name]);
    if (id !== null) {
      if (!/^\d{1,20}$/.test(id)) throw malformed(`'${name}' is not a rule id`, status);
      return id;
    }
  }
  throw malformed(`the rule has no ${names[0]}`, status);
}

function enabled(value: unknown): boolean {
  return value === 1 || value === true || value === '1' || value === 'true';
}

const INBOUND_IDS = ['inbound_rule_id', 'sms_inbound_rule_id'] as const;
const RECEIPT_IDS = ['receipt_rule_id', 'sms_receipt_rule_id'] as const;

/** The fields both kinds of rule share, the id read under the kind's names. */
function ruleFields(record: Json, ids: readonly string[], status: number): ClickSendRule {
  return {
    id: ruleId(record, ids, status),
    ruleName: text(record.rule_name),
    url: text(record.action_address),
    action: text(record.action),
    enabled: enabled(record.enabled),
    raw: { ...record },
  };
}

function inboundRule(record: Json, status: number): ClickSendInboundRule {
  const type = text(record.webhook_type)?.toLowerCase();
  return {
    ...ruleFields(record, INBOUND_IDS, status),
    dedicatedNumber: text(record.dedicated_number),
    webhookType: type === 'post' || type === 'get' || type === 'json' ? type : null,
  };
}

function receiptRule(record: Json, status: number): ClickSendReceiptRule {
  return { ...ruleFields(record, RECEIPT_IDS, status), matchType: amount(record.match_type, 'match_type') };
}

function list<T>(response: HttpResponse, read: (record: Json, status: number) => T): ClickSendV3RuleList<T> {
  const { data } = successData(response);
  // A paginated object (the docs' list example) or, defensively, a bare array.
  const records = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.data) ? data.data : null;
  if (records === null) throw malformed('the rule list has no data list', response.status);
  const rules = records.map((record, index) => {
    if (!isObject(record)) throw malformed(`rule ${index} is not an object`, response.status);
    return read(record, response.status);
  });
  const paged = isObject(data) ? data : {};
  const page = amount(paged.current_page, 'current_page') ?? 1;
  return { rules, page, lastPage: amount(paged.last_page, 'last_page') ?? page, total: amount(paged.total, 'total') ?? rules.length };
}

export function parseInboundRuleList(response: HttpResponse): ClickSendV3RuleList<ClickSendInboundRule> {
  return list(response, inboundRule);
}

export function parseReceiptRuleList(response: HttpResponse): ClickSendV3RuleList<ClickSendReceiptRule> {
  return list(response, receiptRule);
}

/** GET or POST of one inbound rule: the rule ClickSend returns. */
export function parseInboundRule(response: HttpResponse): ClickSendInboundRule {
  return inboundRule(successObject(response, 'inbound rule').data, response.status);
}

export function parseReceiptRule(response: HttpResponse): ClickSendReceiptRule {
  return receiptRule(successObject(response, 'receipt rule').data, response.status);
}

/** DELETE of a rule: success or the thrown error (404 NOT_FOUND for an id that is gone). */
export function parseRuleDeleted(response: HttpResponse): void {
  successData(response);
}
