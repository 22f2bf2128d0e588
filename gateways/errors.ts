import { PROVIDER_LABELS, type Provider } from './provider';

/**
 * Whether a request that failed may have reached the gateway.
 * - 'no': the gateway certainly did not act on it (refused connection, 429, 503, local validation).
 * - 'unknown': it may have acted (connection dropped after the request was written, timeout).
 * - 'yes': the gateway answered with an error about this request.
 */
export type Delivery = 'no' | 'unknown' | 'yes';

export interface GatewayErrorInit {
  /** Which API produced the error; 'local' for input validation before any request. */
  provider: Provider | 'local';
  /** The provider's own code ('001', '2022', 'HTTP_429') or one of ours ('INVALID_NUMBER', 'NETWORK'). */
  code: string;
  /** The provider's text, verbatim (never contains our secrets: it comes from the response). */
  providerText?: string;
  httpStatus?: number;
  /** What a workflow builder can do about it. */
  hint?: string;
  /** The input field at fault, for validation errors ('to', 'text', 'options.validityMinutes'). */
  field?: string;
  /** True when repeating the same request cannot deliver a message twice. */
  retryable?: boolean;
  retryAfterMs?: number;
  delivery?: Delivery;
  /** Recipient the error is about, for per-recipient errors in a multi-recipient send. */
  recipient?: string;
  message?: string;
}

/**
 * The one error type of the package. Its message is built only from the provider's code and text,
 * the field name and the hint, so it never carries a password, key, token or session id.
 */
export class GatewayError extends Error {
  readonly provider: Provider | 'local';
  readonly code: string;
  readonly providerText?: string;
  readonly httpStatus?: number;
  readonly hint?: string;
  readonly field?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly delivery: Delivery;
  readonly recipient?: string;

  constructor(init: GatewayErrorInit) {
    super(init.message ?? GatewayError.describe(init));
    this.name = 'GatewayError';
    this.provider = init.provider;
    this.code = init.code;
    this.providerText = init.providerText;
    this.httpStatus = init.httpStatus;
    this.hint = init.hint;
    this.field = init.field;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.delivery = init.delivery ?? 'yes';
    this.recipient = init.recipient;
  }

  private static describe(init: GatewayErrorInit): string {
    const who = init.provider === 'local' ? 'Invalid input' : PROVIDER_LABELS[init.provider];
    const field = init.field ? ` in field '${init.field}'` : '';
    const text = init.providerText ? `: ${init.providerText}` : '';
    const to = init.recipient ? ` (recipient ${init.recipient})` : '';
    return `${who} error ${init.code}${field}${text}${to}`;
  }

  /**
   * True when the message was certainly not sent, so sending it again cannot text anyone twice: the
   * request never reached the gateway ('no') or the gateway answered that it refused it ('yes').
   * False when it may have been accepted (a dropped connection, a timeout, a 5xx, an unreadable
   * answer: delivery 'unknown'); check its status before sending it again. The one field a flow
   * branches on, in msg.failed entries (Node-RED) and error items (n8n).
   */
  get certainlyNotSent(): boolean {
    return this.delivery !== 'unknown';
  }

  /** Plain object for n8n error items and Node-RED msg.error (no stack, no secrets). */
  toJSON(): Record<string, unknown> {
    return {
      message: this.message,
      provider: this.provider,
      code: this.code,
      providerText: this.providerText,
      httpStatus: this.httpStatus,
      hint: this.hint,
      field: this.field,
      recipient: this.recipient,
      retryable: this.retryable,
      certainlyNotSent: this.certainlyNotSent,
    };
  }
}

/** A validation error about our own input, raised before any request is made. */
export function invalidInput(field: string, problem: string, hint?: string): GatewayError {
  return new GatewayError({
    provider: 'local',
    code: 'INVALID_INPUT',
    field,
    providerText: problem,
    hint,
    delivery: 'no',
    message: `Invalid value for '${field}': ${problem}${hint ? `. ${hint}` : ''}`,
  });
}

/**
 * An answer that could not be read (not JSON, a field missing or of the wrong type, a cut-off body). The
 * request reached a server that answered, so it may have acted on it: delivery 'unknown', never a success.
 */
export function malformedResponse(provider: Provider, problem: string, httpStatus?: number): GatewayError {
  return new GatewayError({
    provider,
    code: 'MALFORMED_RESPONSE',
    providerText: problem,
    httpStatus,
    hint: 'The gateway answered with something this node cannot read; check the base URL. The request may have been processed.',
    delivery: 'unknown',
  });
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}
