import { GatewayError, invalidInput, isGatewayError } from '../errors';
import type { BalanceResult, CoverageResult, SmsEvent } from '../events';
import type { RecipientOutcome, SendRequest, SmsGateway } from '../gateway';
import { API_LIMITS } from '../limits';
import { normalizeNumber } from '../text/numbers';
import type { Transport } from '../transport';
import {
  parseBalanceResponse,
  parseCoverageResponse,
  parseSendResponse,
  parseStatusResponse,
  parseTokenPayResponse,
  type TokenPayResult,
} from './parser';
import {
  buildCoverageRequest,
  buildDelMsgRequest,
  buildGetBalanceRequest,
  buildGetMsgChargeRequest,
  buildQueryMsgRequest,
  buildTokenPayRequest,
  prepareMessage,
  prepareSend,
  sendMsgRequest,
  type ClickatellHttpCredentials,
} from './requests';
import { ClickatellSession, type SessionStore } from './session';

export interface ClickatellHttpClientOptions {
  credentials: ClickatellHttpCredentials;
  transport: Transport;
  /** Where to keep the session id (session mode); default: inside the client. */
  store?: SessionStore;
  /** Clock, for scheduled-time checks and event timestamps (tests pass a fixed one). */
  now?: () => Date;
}

/** Client for the Clickatell legacy HTTP API on any Transport. */
export class ClickatellHttpClient implements SmsGateway {
  readonly provider = 'clickatell-http' as const;
  readonly maxRecipientsPerRequest = API_LIMITS['clickatell-http'].maxRecipientsPerRequest;
  private readonly session: ClickatellSession;
  /** For route coverage, which always authenticates per request (see coverage()). */
  private readonly perRequest: ClickatellSession;
  private readonly now: () => Date;

  constructor(options: ClickatellHttpClientOptions) {
    const { credentials, transport } = options;
    this.now = options.now ?? (() => new Date());
    this.session = new ClickatellSession({ credentials, transport, store: options.store, now: this.now });
    this.perRequest = new ClickatellSession({ credentials: { ...credentials, authMode: 'perRequest' }, transport, now: this.now });
  }

  /**
   * Send one text to up to 600 recipients. Returns one outcome per recipient in request order. A
   * recipient whose number is invalid gets an error outcome and the others are still sent; the whole
   * call throws only when the request itself is invalid or failed (auth, network, HTTP status, malformed).
   */
  async send(request: SendRequest): Promise<RecipientOutcome[]> {
    const to: unknown = request?.to;
    // Count and shape are checked on the full list, before any number is set aside as invalid.
    if (!Array.isArray(to) || to.length === 0 || to.length > this.maxRecipientsPerRequest) return this.sendValid(request);
    const invalid = new Map<number, RecipientOutcome>();
    const valid: string[] = [];
    to.forEach((entry: unknown, index) => {
      if (typeof entry !== 'string') throw invalidInput('to', 'each recipient must be text');
      try {
        normalizeNumber(entry, 'digits', 'to');
        valid.push(entry);
      } catch (error) {
        if (!isGatewayError(error)) throw error;
        invalid.set(index, { to: entry, ok: false, error: aboutRecipient(error, entry) });
      }
    });
    if (invalid.size === 0) return this.sendValid(request);
    if (valid.length === 0) {
      // Nothing to send; a bad text or option is still reported as such rather than hidden.
      prepareMessage(request.text, request.options, this.now());
      return to.map((_, index) => invalid.get(index) as RecipientOutcome);
    }
    const sent = await this.sendValid({ ...request, to: valid });
    let next = 0;
    return to.map((_, index) => invalid.get(index) ?? sent[next++]);
  }

  private async sendValid(request: SendRequest): Promise<RecipientOutcome[]> {
    const prepared = prepareSend(request, this.now());
    const body = await this.session.call('sendmsg', (target) => sendMsgRequest(target, prepared));
    return parseSendResponse(body, prepared, this.now());
  }

  /** `querymsg`: the message's current status. */
  async queryStatus(apiMsgId: string): Promise<SmsEvent> {
    const body = await this.session.call('querymsg', (target) => buildQueryMsgRequest(target, apiMsgId));
    return parseStatusResponse(body, 'querymsg', apiMsgId);
  }

  /** `getmsgcharge`: the message's status and the credits it cost. */
  async getCharge(apiMsgId: string): Promise<SmsEvent> {
    const body = await this.session.call('getmsgcharge', (target) => buildGetMsgChargeRequest(target, apiMsgId));
    return parseStatusResponse(body, 'getmsgcharge', apiMsgId);
  }

  /** `delmsg`: stop a message that has not left the gateway (delayed or scheduled). */
  async stop(apiMsgId: string): Promise<SmsEvent> {
    const body = await this.session.call('delmsg', (target) => buildDelMsgRequest(target, apiMsgId));
    return parseStatusResponse(body, 'delmsg', apiMsgId);
  }

  /** `getbalance`: remaining credits. */
  async getBalance(): Promise<BalanceResult> {
    const body = await this.session.call('getbalance', (target) => buildGetBalanceRequest(target));
    return parseBalanceResponse(body);
  }

  /** `token_pay`: redeem a credit voucher. */
  async tokenPay(token: string): Promise<TokenPayResult> {
    const body = await this.session.call('token_pay', (target) => buildTokenPayRequest(target, token));
    return parseTokenPayResponse(body);
  }

  /**
   * Route coverage for a number. Clickatell's published examples for /utils/routeCoverage authenticate
   * with api_id + user + password, not a session id, so that is what is sent in both auth modes.
   */
  async coverage(msisdn: string): Promise<CoverageResult> {
    const destination = normalizeNumber(String(msisdn ?? ''), 'digits', 'msisdn');
    const body = await this.perRequest.call('coverage', (target) => buildCoverageRequest(target, destination));
    return parseCoverageResponse(body, destination);
  }

  /** Keep the session alive (Node-RED config node keep-alive); nothing is sent in perRequest mode. */
  ping(): Promise<void> {
    return this.session.ping();
  }

  /** Forget the session. */
  close(): void {
    this.session.close();
  }
}

/** The same validation error, tagged with the recipient it is about. */
function aboutRecipient(error: GatewayError, recipient: string): GatewayError {
  return new GatewayError({
    provider: error.provider,
    code: error.code,
    providerText: error.providerText,
    hint: error.hint,
    field: error.field,
    retryable: error.retryable,
    delivery: error.delivery,
    recipient,
    message: error.message,
  });
}
