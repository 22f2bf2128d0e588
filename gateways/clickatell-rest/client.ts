import type { BalanceResult, CoverageResult, SmsEvent } from '../events';
import type { RecipientOutcome, SendRequest, SmsGateway } from '../gateway';
import { API_LIMITS } from '../limits';
import { normalizeNumber } from '../text/numbers';
import { ApiClient, type ApiClientOptions } from '../api-client';
import { parseBalanceResponse, parseCoverageResponse, parseSendResponse, parseStatusResponse, parseStopResponse } from './parser';
import {
  buildBalanceRequest,
  buildCoverageRequest,
  buildStatusRequest,
  buildStopRequest,
  prepareSend,
  sendRequest,
  type ClickatellRestCredentials,
} from './requests';

export type ClickatellRestClientOptions = ApiClientOptions<ClickatellRestCredentials>;

/** The Clickatell REST API over a Transport: builders in, parsers out, no state between calls. */
export class ClickatellRestClient extends ApiClient<ClickatellRestCredentials> implements SmsGateway {
  readonly provider = 'clickatell-rest' as const;
  readonly maxRecipientsPerRequest = API_LIMITS['clickatell-rest'].maxRecipientsPerRequest;

  /** POST /rest/message: one outcome per recipient, in the order of `request.to`. */
  async send(request: SendRequest): Promise<RecipientOutcome[]> {
    const prepared = prepareSend(request, this.now());
    const response = await this.exchange(sendRequest(this.credentials, prepared));
    return parseSendResponse(response, { ...prepared, now: this.now() });
  }

  /**
   * GET /rest/message/{id}: status and charge. Clickatell's published REST API returns the charge with
   * the status (the spec's section 7 is thin), so this is also the REST form of "get charge".
   */
  async getStatus(apiMessageId: string): Promise<SmsEvent> {
    const response = await this.exchange(buildStatusRequest(this.credentials, apiMessageId));
    return parseStatusResponse(response, apiMessageId.trim());
  }

  /** DELETE /rest/message/{id}: stop a scheduled or queued message. */
  async stop(apiMessageId: string): Promise<SmsEvent> {
    const response = await this.exchange(buildStopRequest(this.credentials, apiMessageId));
    return parseStopResponse(response, apiMessageId.trim());
  }

  async getBalance(): Promise<BalanceResult> {
    return parseBalanceResponse(await this.exchange(buildBalanceRequest(this.credentials)));
  }

  async coverage(msisdn: string): Promise<CoverageResult> {
    const request = buildCoverageRequest(this.credentials, msisdn);
    // The number as sent, for answers that leave `destination` out.
    return parseCoverageResponse(await this.exchange(request), normalizeNumber(msisdn, 'digits', 'msisdn'));
  }
}
