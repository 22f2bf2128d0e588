import type { ClickSendCredentials } from '../clicksend/requests';
import { ApiClient, type ApiClientOptions } from '../api-client';
import type { BalanceResult, SmsEvent } from '../events';
import type { RecipientOutcome, SendRequest, SmsGateway } from '../gateway';
import { API_LIMITS } from '../limits';
import {
  parseV3AccountResponse,
  parseV3CancelAllResponse,
  parseV3CancelResponse,
  parseV3HistoryResponse,
  parseV3InboundResponse,
  parseV3PriceResponse,
  parseV3ReceiptResponse,
  parseV3ReceiptsResponse,
  parseV3ReplyToResponse,
  parseV3SendResponse,
  type ClickSendV3Page,
  type PriceEstimate,
} from './parser';
import {
  buildCreateInboundRuleRequest,
  buildCreateReceiptRuleRequest,
  buildDeleteRuleRequest,
  buildGetRuleRequest,
  buildListRulesRequest,
  buildV3AccountRequest,
  buildV3CancelAllRequest,
  buildV3CancelRequest,
  buildV3HistoryRequest,
  buildV3InboundRequest,
  buildV3ReceiptRequest,
  buildV3ReceiptsRequest,
  buildV3ReplyToRequest,
  messageIdParam,
  prepareV3Send,
  v3PriceRequest,
  v3SendRequest,
  type ClickSendInboundRuleInput,
  type ClickSendReceiptRuleInput,
  type ClickSendV3HistoryQuery,
  type ClickSendV3PageQuery,
} from './requests';
import {
  parseInboundRule,
  parseInboundRuleList,
  parseReceiptRule,
  parseReceiptRuleList,
  parseRuleDeleted,
  type ClickSendInboundRule,
  type ClickSendReceiptRule,
  type ClickSendV3RuleList,
} from './rules';

/** The same credentials as the HTTP v2 client; see clickSendV3BaseUrl for the base URL. */
export type ClickSendV3ClientOptions = ApiClientOptions<ClickSendCredentials>;

/**
 * ClickSend REST API v3 over a Transport: builders in, parsers out, no state between calls. Failing HTTP
 * statuses become GatewayErrors with ClickSend's response_code (429/503 retryable, delivery 'no'; 5xx
 * delivery 'unknown'); each message of a send is judged by its own status.
 */
export class ClickSendV3Client extends ApiClient<ClickSendCredentials> implements SmsGateway {
  readonly provider = 'clicksend-v3' as const;
  readonly maxRecipientsPerRequest = API_LIMITS['clicksend-v3'].maxRecipientsPerRequest;

  /** POST /sms/send: one outcome per recipient, in the order of `request.to`. */
  async send(request: SendRequest): Promise<RecipientOutcome[]> {
    const prepared = prepareV3Send(request);
    const response = await this.exchange(v3SendRequest(this.credentials, prepared));
    return parseV3SendResponse(response, { ...prepared, now: this.now() });
  }

  /** POST /sms/price: what the same send would cost; nothing is sent. */
  async priceEstimate(request: SendRequest): Promise<PriceEstimate> {
    const prepared = prepareV3Send(request);
    return parseV3PriceResponse(await this.exchange(v3PriceRequest(this.credentials, prepared)), prepared.recipients);
  }

  /** GET /sms/history: sent messages with their current status, a page at a time. */
  async getHistory(query?: ClickSendV3HistoryQuery): Promise<ClickSendV3Page> {
    return parseV3HistoryResponse(await this.exchange(buildV3HistoryRequest(this.credentials, query)));
  }

  /** GET /sms/inbound: inbound messages, a page at a time. */
  async getInbound(query?: ClickSendV3PageQuery): Promise<ClickSendV3Page> {
    return parseV3InboundResponse(await this.exchange(buildV3InboundRequest(this.credentials, query)));
  }

  /** GET /sms/inbound/{id}: the replies to one of our messages. */
  async getReplyTo(outboundMessageId: string): Promise<SmsEvent[]> {
    return parseV3ReplyToResponse(await this.exchange(buildV3ReplyToRequest(this.credentials, outboundMessageId)));
  }

  /** GET /sms/receipts: delivery receipts, a page at a time. */
  async getDeliveryReports(query?: ClickSendV3PageQuery): Promise<ClickSendV3Page> {
    return parseV3ReceiptsResponse(await this.exchange(buildV3ReceiptsRequest(this.credentials, query)));
  }

  /** GET /sms/receipts/{id}: one message's delivery receipt. */
  async getDeliveryReport(messageId: string): Promise<SmsEvent> {
    return parseV3ReceiptResponse(await this.exchange(buildV3ReceiptRequest(this.credentials, messageId)));
  }

  /** PUT /sms/{id}/cancel: cancel a scheduled message. */
  async cancel(messageId: string): Promise<SmsEvent> {
    const id = messageIdParam(messageId);
    return parseV3CancelResponse(await this.exchange(buildV3CancelRequest(this.credentials, id)), id, this.now());
  }

  /** PUT /sms/cancel-all: cancel every scheduled message; how many were. */
  async cancelAll(): Promise<{ count: number }> {
    return parseV3CancelAllResponse(await this.exchange(buildV3CancelAllRequest(this.credentials)));
  }

  /** GET /account: balance and currency. */
  async getBalance(): Promise<BalanceResult> {
    return parseV3AccountResponse(await this.exchange(buildV3AccountRequest(this.credentials)));
  }

  // Automation rules ----------------------------------------------------------------------------------

  async listInboundRules(query?: ClickSendV3PageQuery): Promise<ClickSendV3RuleList<ClickSendInboundRule>> {
    return parseInboundRuleList(await this.exchange(buildListRulesRequest(this.credentials, 'inbound', query)));
  }

  /** GET /automations/sms/inbound/{id}: throws NOT_FOUND (HTTP 404) when the rule is gone. */
  async getInboundRule(id: string): Promise<ClickSendInboundRule> {
    return parseInboundRule(await this.exchange(buildGetRuleRequest(this.credentials, 'inbound', id)));
  }

  /** Make ClickSend push every inbound message to `url` in the given format; the new rule's id. */
  async createInboundRule(input: ClickSendInboundRuleInput): Promise<{ id: string }> {
    const rule = parseInboundRule(await this.exchange(buildCreateInboundRuleRequest(this.credentials, input)));
    return { id: rule.id };
  }

  async deleteInboundRule(id: string): Promise<void> {
    parseRuleDeleted(await this.exchange(buildDeleteRuleRequest(this.credentials, 'inbound', id)));
  }

  async listReceiptRules(query?: ClickSendV3PageQuery): Promise<ClickSendV3RuleList<ClickSendReceiptRule>> {
    return parseReceiptRuleList(await this.exchange(buildListRulesRequest(this.credentials, 'receipts', query)));
  }

  async getReceiptRule(id: string): Promise<ClickSendReceiptRule> {
    return parseReceiptRule(await this.exchange(buildGetRuleRequest(this.credentials, 'receipts', id)));
  }

  /** Make ClickSend push every delivery receipt to `url`; the new rule's id. */
  async createReceiptRule(input: ClickSendReceiptRuleInput): Promise<{ id: string }> {
    const rule = parseReceiptRule(await this.exchange(buildCreateReceiptRuleRequest(this.credentials, input)));
    return { id: rule.id };
  }

  async deleteReceiptRule(id: string): Promise<void> {
    parseRuleDeleted(await this.exchange(buildDeleteRuleRequest(this.credentials, 'receipts', id)));
  }
}
