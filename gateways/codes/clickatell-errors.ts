import { agreeingHint } from './agreeing-hint';

/**
 * Clickatell error codes, for the HTTP API (`ERR: nnn, text`) and the REST API (error bodies).
 * Source: ../shared/specs/clickatell-http-api.md "Error Codes" and clickatell-rest-api.txt section 10.
 * Where the two APIs give a code different meanings (120), each keeps its own.
 */
export interface ClickatellErrorInfo {
  code: string;
  description: string;
  hint: string;
  /** The request may be repeated as it is (901 internal error: "Please retry"). */
  retryable?: boolean;
  /** The session is gone: authenticate again and repeat (HTTP API only). */
  sessionGone?: boolean;
  /** Which API documents the code. */
  apis: ReadonlyArray<'http' | 'rest'>;
}

const BOTH = ['http', 'rest'] as const;
const HTTP = ['http'] as const;
const REST = ['rest'] as const;

const ROWS: ClickatellErrorInfo[] = [
  { code: '001', description: 'Authentication failed', hint: 'Check the API ID, username and password (or the auth token) in the credentials.', apis: BOTH, sessionGone: true },
  { code: '002', description: 'Unknown username or password', hint: 'Check the username and password in the credentials.', apis: HTTP },
  { code: '003', description: 'Session ID expired', hint: 'The session expired; it is renewed automatically on the next request.', apis: HTTP, sessionGone: true },
  { code: '005', description: 'Missing session ID', hint: 'Authenticate first or use per-request authentication.', apis: HTTP, sessionGone: true },
  { code: '007', description: 'IP Lockdown violation', hint: "Add this server's IP address to the API's IP lockdown list in Developers' Central.", apis: BOTH },
  { code: '100', description: 'Data malformed', hint: 'The JSON/XML body is invalid; report this as a bug in the node.', apis: REST },
  { code: '101', description: 'Invalid or missing parameters', hint: 'Check the required fields and the option values.', apis: BOTH },
  { code: '102', description: 'Invalid user data header', hint: 'Check the UDH option: it must be hexadecimal.', apis: BOTH },
  { code: '103', description: 'Unknown API message ID', hint: 'Check the message ID: use the ID returned when the message was sent.', apis: HTTP },
  { code: '104', description: 'Unknown client message ID', hint: 'Check the client message ID.', apis: HTTP },
  { code: '105', description: 'Invalid destination address', hint: 'Use the international format: country code and number, digits only (e.g. 447700900123).', apis: BOTH },
  { code: '106', description: 'Invalid source address', hint: "Use a sender ID registered in Developers' Central, in international format.", apis: BOTH },
  { code: '107', description: 'Empty message', hint: 'The message text is empty.', apis: HTTP },
  { code: '108', description: 'Invalid or missing API ID', hint: 'Check the API ID in the credentials.', apis: BOTH },
  { code: '109', description: 'Missing message ID', hint: 'Give the API message ID (or client message ID) of the message.', apis: BOTH },
  { code: '113', description: 'Maximum message parts exceeded', hint: 'Shorten the text or raise Max Parts (up to 3).', apis: BOTH },
  { code: '114', description: 'Cannot route message', hint: 'The gateway does not route to this number prefix; check the number or contact Clickatell support.', apis: BOTH },
  { code: '115', description: 'Message expired', hint: 'The message expired before delivery; no charge applies.', apis: HTTP },
  { code: '116', description: 'Invalid Unicode data', hint: 'Unicode text must be UCS-2 hex; leave Unicode on Auto.', apis: BOTH },
  { code: '120', description: 'Invalid delivery time', hint: 'Delivery delay is in minutes, at most 10080 (7 days).', apis: HTTP },
  { code: '121', description: 'Destination mobile number blocked', hint: 'This number is on the gateway block list.', apis: BOTH },
  { code: '122', description: 'Destination mobile opted out', hint: 'The recipient opted out; do not message them.', apis: BOTH },
  { code: '123', description: 'Invalid Sender ID', hint: 'Register and get approval for the sender ID first.', apis: BOTH },
  { code: '128', description: 'Number delisted', hint: 'This number was delisted and cannot receive messages.', apis: BOTH },
  { code: '130', description: 'Maximum MT limit exceeded', hint: 'The daily or monthly message limit is reached; send again after the time given.', apis: BOTH },
  { code: '160', description: 'HTTP method is not supported on this resource', hint: 'Report this as a bug in the node.', apis: REST },
  { code: '161', description: 'Resource does not exist', hint: 'Check the base URL in the credentials.', apis: REST },
  { code: '165', description: 'Invalid or no version header specified', hint: 'Send the header X-Version: 1.', apis: REST },
  { code: '166', description: 'Invalid accept header specified', hint: 'Accept must be application/json, application/xml or */*.', apis: REST },
  { code: '167', description: 'Invalid or no content-type specified', hint: 'Content-Type must be application/json or application/xml.', apis: REST },
  { code: '201', description: 'Invalid batch ID', hint: 'Check the batch ID.', apis: HTTP },
  { code: '202', description: 'No batch template', hint: 'Define the batch template first.', apis: HTTP },
  { code: '250', description: 'Destination address is on DNC list', hint: 'The recipient is on a Do Not Contact list; set Bypass DNC Check only if you are allowed to.', apis: REST },
  { code: '301', description: 'No credit left', hint: 'Buy credits or redeem a voucher (Token Pay).', apis: BOTH },
  { code: '901', description: 'Internal error', hint: 'A temporary gateway error; retry later.', apis: BOTH, retryable: true },
];

const REST_120: ClickatellErrorInfo = {
  code: '120',
  description: 'clientMessageId contains space(s)',
  hint: 'Remove spaces from the client message ID.',
  apis: REST,
};

/** Where the REST spec (section 10) words a shared code differently, its own wording. */
const REST_WORDING: Readonly<Record<string, string>> = {
  '007': 'IP lockdown violation',
  '116': 'Invalid unicode data',
  '250': 'Destination address is on DNC list – Do not contact receiver',
  '901': 'Internal error – please retry',
};

export const CLICKATELL_ERRORS: ReadonlyMap<string, ClickatellErrorInfo> = new Map(ROWS.map((row) => [row.code, row]));
const REST_ROWS: ReadonlyMap<string, ClickatellErrorInfo> = new Map(
  Object.entries(REST_WORDING).map(([code, description]) => [code, { ...CLICKATELL_ERRORS.get(code)!, description }]),
);

/** Look up an error code for one API ('1' and '001' are the same code). */
export function clickatellError(code: string, api: 'http' | 'rest'): ClickatellErrorInfo | undefined {
  const canonical = /^\d{1,3}$/.test(code.trim()) ? code.trim().padStart(3, '0') : code.trim();
  if (api === 'rest' && canonical === '120') return REST_120;
  if (api === 'rest' && REST_ROWS.has(canonical)) return REST_ROWS.get(canonical);
  return CLICKATELL_ERRORS.get(canonical);
}

/** The code's hint unless Clickatell's own text for this error says something else (see agreeing-hint.ts). */
export function clickatellHint(info: ClickatellErrorInfo | undefined, providerText: string | null | undefined): string | undefined {
  if (!info) return undefined;
  return agreeingHint({ code: info.code, documented: [info.description], hint: info.hint }, providerText);
}
