import { agreeingHint } from './agreeing-hint';

/**
 * Clickatell One API error codes (`error.code` of a send response, globally or per message).
 * Source: Clickatell's "One API errors table" (docs.clickatell.com .../channels/one-api/one-api-errors-table/
 * and clickatell.com/developers/api-documentation/one-api-error-messages/, S12 of
 * ../shared/specs/clickatell-platform-api.md). `level` says where the table puts the code: on the whole
 * request (global), on one message, or either. Rate limiting is code 43 with HTTP 400, not 429.
 */
export interface OneErrorInfo {
  code: number;
  httpStatus: number | null;
  description: string;
  level: 'global' | 'message' | 'both';
  hint: string;
  /** The table's "please retry" (19) and the rate limit (43): the request was not acted on. */
  retryable?: boolean;
}

type Row = [number, number | null, string, OneErrorInfo['level'], string, boolean?];

const ROWS: readonly Row[] = [
  [1, 401, 'Invalid or missing integration API Key', 'global', 'Check the API key in the credentials: copy it from the integration in the Clickatell Portal.'],
  [2, 400, 'Account is not active', 'global', 'Activate the account in the Clickatell Portal.'],
  [3, 400, 'Integration is not active', 'global', "Activate the API key's integration in the Clickatell Portal."],
  [7, 401, 'Originating IP address is not approved in your account', 'global', "Add this server's IP address to the integration's allowed addresses in the Clickatell Portal."],
  [18, 500, 'Internal error', 'both', 'A gateway error; check the message status before sending again.'],
  [19, 503, 'Internal error, please retry', 'both', 'A temporary gateway error; the request can be repeated later.', true],
  [20, 402, 'Insufficient account balance', 'message', 'Top up the account in the Clickatell Portal.'],
  [21, 400, 'Payload data is malformed', 'global', 'The request body is invalid; report this as a bug in the node.'],
  [22, 400, 'Maximum messages per request payload exceeded', 'global', 'Send fewer recipients per request (at most 200).'],
  [23, 400, 'Invalid or missing parameter', 'message', 'Check the required fields and the option values.'],
  [24, 400, 'Maximum message content size exceeded', 'message', 'Shorten the text.'],
  [25, 400, 'Invalid recipient address', 'message', 'Use the international format: country code and number, digits only (e.g. 447700900123).'],
  [26, 400, 'Recipient opted out', 'message', 'The recipient opted out; do not message them.'],
  [27, 400, 'Recipient not available on channel', 'message', 'The number cannot receive messages on this channel.'],
  [28, 400, 'Recipient not available on sandbox', 'message', "A test integration only reaches the numbers registered for it in the Clickatell Portal."],
  [30, 400, 'Content type not supported', 'message', 'Send plain text.'],
  [31, 400, 'Media file size exceeds limit', 'message', 'Send plain text.'],
  [32, 400, 'Media payload size exceeds limit', 'message', 'Send plain text.'],
  [33, 400, 'Media item not found', 'message', 'Send plain text.'],
  [38, 400, 'Channel/feature is not active on integration', 'message', "Enable SMS on the API key's integration in the Clickatell Portal."],
  [39, 400, 'Channel is not available on integration', 'message', "Enable SMS on the API key's integration in the Clickatell Portal."],
  [40, 400, 'Character set is not supported', 'message', 'Leave the character set to the node (UTF-8).'],
  [41, 400, 'Resource does not exist', 'global', 'Check the base URL in the credentials.'],
  [42, 400, 'HTTP method is not supported on this resource', 'global', 'Report this as a bug in the node.'],
  [43, 400, 'Rate limit', 'both', 'Rate limited: slow down; the request can be repeated after a pause.', true],
  [44, 400, 'FROM number is suspended', 'message', 'Use another sender number.'],
  [45, 400, 'FROM number is not related to integration', 'message', "Use a number that belongs to the API key's integration, or leave From empty."],
  [46, 400, 'Demo access has expired', 'message', 'Upgrade the account in the Clickatell Portal.'],
  [100, 400, 'Maximum message parts exceeded', 'message', 'Shorten the text.'],
  [101, 400, 'Destination does not support two-way messaging', 'message', 'Leave From empty to send one-way.'],
  [110, 400, 'USA country limit: must use two-way integration', 'message', 'US numbers need a two-way integration in the Clickatell Portal.'],
  [111, 400, 'USA country limit: must enable STOP/SUBSCRIBE commands on integration', 'message', 'Enable STOP/SUBSCRIBE on the integration in the Clickatell Portal.'],
];

export const CLICKATELL_ONE_ERRORS: ReadonlyMap<number, OneErrorInfo> = new Map(
  ROWS.map(([code, httpStatus, description, level, hint, retryable]) => [code, { code, httpStatus, description, level, hint, ...(retryable ? { retryable } : {}) }]),
);

/** Look up a One API error code given as a number or numeric text; undefined when not in the table. */
export function clickatellOneError(code: unknown): OneErrorInfo | undefined {
  const number = typeof code === 'number' ? code : typeof code === 'string' && /^\s*\d{1,4}\s*$/.test(code) ? Number(code) : NaN;
  return Number.isInteger(number) ? CLICKATELL_ONE_ERRORS.get(number) : undefined;
}

/** The code's hint unless Clickatell's own text for the error says something else (see agreeing-hint.ts). */
export function clickatellOneHint(info: OneErrorInfo | undefined, providerText: string | null | undefined): string | undefined {
  if (!info) return undefined;
  return agreeingHint({ code: String(info.code), documented: [info.description], hint: info.hint }, providerText);
}
