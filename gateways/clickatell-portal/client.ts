import type { BalanceResult, SmsEvent } from '../events';
import type { RecipientOutcome, SendRequest, SmsGateway } from '../gateway';
import { API_LIMITS } from '../limits';
import { ApiClient, type ApiClientOptions } from '../api-client';
import { parseOneStatusResponse, parsePlatformBalanceResponse, parsePortalSendResponse } from './parser';
import {
  buildOneStatusRequest,
  buildPlatformBalanceRequest,
  oneSendRequest,
  platformHttpSendRequest,
  platformSendRequest,
  portalIntegrationType,
  prepareOneSend,
  preparePlatformHttpSend,
  preparePlatformSend,
  type ClickatellPortalCredentials,
} from './requests';

export type ClickatellPortalClientOptions = ApiClientOptions<ClickatellPortalCredentials>;

/**
 * The Clickatell Platform SMS API (Portal API key): POST /messages and GET /public-client/balance.
 * No status query: `/public-client/message/status` appears only in third-party code and its answer is
 * not published (see docs/current-apis.md); statuses arrive by the integration's status callback.
 */
export class ClickatellPlatformClient extends ApiClient<ClickatellPortalCredentials> implements SmsGateway {
  readonly provider = 'clickatell-platform' as const;
  /** 200 for a REST integration; 1 for an HTTP integration, which takes one handset per request (S4). */
  readonly maxRecipientsPerRequest: number;
  private readonly integrationType: 'rest' | 'http';

  constructor(options: ClickatellPortalClientOptions) {
    super(options);
    this.integrationType = portalIntegrationType(options.credentials);
    const limits = API_LIMITS['clickatell-platform'];
    this.maxRecipientsPerRequest = this.integrationType === 'http' ? limits.maxRecipientsGet : limits.maxRecipientsPerRequest;
  }

  /**
   * POST /messages (REST integration) or GET /messages/http/send (HTTP integration, one recipient):
   * one outcome per recipient, in the order of `request.to`. Both answer `{messages, error}` (S1, S9).
   */
  async send(request: SendRequest): Promise<RecipientOutcome[]> {
    if (this.integrationType === 'http') {
      const prepared = preparePlatformHttpSend(request);
      const response = await this.exchange(platformHttpSendRequest(this.credentials, prepared));
      return parsePortalSendResponse(this.provider, response, { ...prepared, now: this.now() });
    }
    const prepared = preparePlatformSend(request, this.now());
    const response = await this.exchange(platformSendRequest(this.credentials, prepared));
    return parsePortalSendResponse(this.provider, response, { ...prepared, now: this.now() });
  }

  /** GET /public-client/balance: the balance in the account's currency. */
  async getBalance(): Promise<BalanceResult> {
    return parsePlatformBalanceResponse(await this.exchange(buildPlatformBalanceRequest(this.credentials)));
  }
}

/**
 * The Clickatell One API, SMS channel (Portal API key): POST /v1/message and GET /v1/message/{id}.
 * No balance: `GET /v1/balance` is not in Clickatell's own documentation (see docs/current-apis.md).
 */
export class ClickatellOneClient extends ApiClient<ClickatellPortalCredentials> implements SmsGateway {
  readonly provider = 'clickatell-one' as const;
  readonly maxRecipientsPerRequest = API_LIMITS['clickatell-one'].maxRecipientsPerRequest;

  /** POST /v1/message: one SMS per recipient; one outcome per recipient, in the order of `request.to`. */
  async send(request: SendRequest): Promise<RecipientOutcome[]> {
    const prepared = prepareOneSend(request);
    const response = await this.exchange(oneSendRequest(this.credentials, prepared));
    return parsePortalSendResponse(this.provider, response, { ...prepared, now: this.now() });
  }

  /** GET /v1/message/{id}: the SMS status of a sent message. */
  async getStatus(apiMessageId: string): Promise<SmsEvent> {
    const response = await this.exchange(buildOneStatusRequest(this.credentials, apiMessageId));
    return parseOneStatusResponse(response, apiMessageId.trim());
  }
}
