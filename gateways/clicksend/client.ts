import type { BalanceResult, SmsEvent } from '../events';
import type { RecipientOutcome, SendRequest, SmsGateway } from '../gateway';
import { API_LIMITS } from '../limits';
import { ApiClient, type ApiClientOptions } from '../api-client';
import { parseBalanceResponse, parseDeliveryReportsResponse, parseHistoryResponse, parseRepliesResponse, parseSendResponse } from './parser';
import {
  buildBalanceRequest,
  buildDeliveryReportsRequest,
  buildHistoryRequest,
  buildRepliesRequest,
  prepareSend,
  sendRequest,
  type ClickSendCredentials,
} from './requests';

export type ClickSendClientOptions = ApiClientOptions<ClickSendCredentials>;

/**
 * The ClickSend HTTP API v2 over a Transport. Non-2xx statuses become GatewayError HTTP_<status>
 * (429/503 retryable, delivery 'no'); `<result>` codes become GatewayErrors with ClickSend's text.
 */
export class ClickSendClient extends ApiClient<ClickSendCredentials> implements SmsGateway {
  readonly provider = 'clicksend' as const;
  readonly maxRecipientsPerRequest = API_LIMITS.clicksend.maxRecipientsPerRequest;

  /** send.php: one outcome per recipient, in the order of `request.to`. */
  async send(request: SendRequest): Promise<RecipientOutcome[]> {
    const prepared = prepareSend(request);
    const response = await this.exchange(sendRequest(this.credentials, prepared));
    return parseSendResponse(response, { ...prepared, now: this.now() });
  }

  /** reply.php: inbound replies (all unread ones, or those to one message). */
  async getReplies(messageId?: string): Promise<SmsEvent[]> {
    return parseRepliesResponse(await this.exchange(buildRepliesRequest(this.credentials, messageId)));
  }

  /** delivery.php: delivery reports (all unread ones, or those of one message). */
  async getDeliveryReports(messageId?: string): Promise<SmsEvent[]> {
    return parseDeliveryReportsResponse(await this.exchange(buildDeliveryReportsRequest(this.credentials, messageId)));
  }

  /** history.php: sent and received messages, optionally only those from one email-to-SMS address. */
  async getHistory(fromEmail?: string): Promise<SmsEvent[]> {
    return parseHistoryResponse(await this.exchange(buildHistoryRequest(this.credentials, fromEmail)));
  }

  async getBalance(): Promise<BalanceResult> {
    return parseBalanceResponse(await this.exchange(buildBalanceRequest(this.credentials)));
  }
}
