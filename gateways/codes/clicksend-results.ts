/**
 * ClickSend HTTP API v2 `<result>` codes. The API always answers HTTP 200; the result code says what happened.
 * Source: ../shared/specs/clicksend-http-api-v2.apib, "Response Codes".
 */
export interface ClickSendResultInfo {
  code: string;
  text: string;
  description: string;
  hint: string;
  success: boolean;
  retryable?: boolean;
}

const ROWS: ClickSendResultInfo[] = [
  { code: '0000', text: 'Success', description: 'Message added to queue OK.', hint: '', success: true },
  { code: '2006', text: 'Missing credentials', description: 'Not enough information has been supplied for authentication.', hint: 'Fill in the username and API key in the credentials.', success: false },
  { code: '2007', text: 'Account not activated', description: 'Your account has not been activated.', hint: 'Activate the ClickSend account in the dashboard.', success: false },
  { code: '2015', text: 'Invalid recipient', description: 'The destination mobile number is invalid.', hint: 'Use the international format with + and country code (e.g. +61411111111).', success: false },
  { code: '2016', text: 'Throttled', description: 'Identical message already sent to this recipient. Please try again in a few seconds.', hint: 'The same text went to this number moments ago; it was not sent again.', success: false },
  { code: '2017', text: 'Invalid sender id', description: 'Invalid Sender ID. Please ensure Sender ID is no longer than 11 characters (if alphanumeric), and contains no spaces.', hint: 'Use at most 11 letters/digits without spaces, or a phone number.', success: false },
  { code: '2018', text: 'Low credit', description: 'You have reached the end of your message credits.', hint: 'Buy more message credits.', success: false },
  { code: '2022', text: 'Invalid credentials', description: 'Your Username or Unique Key is incorrect.', hint: 'Check the username and API key in the credentials.', success: false },
  { code: '2051', text: 'Empty message', description: 'Message is empty.', hint: 'The message text is empty.', success: false },
  { code: '2052', text: 'Too many recipients', description: 'Too many recipients.', hint: 'Send to at most 1000 recipients per request.', success: false },
];

export const CLICKSEND_RESULTS: ReadonlyMap<string, ClickSendResultInfo> = new Map(ROWS.map((row) => [row.code, row]));

/** Look up a result code; 2100–2199 are internal errors (retry), anything else unknown is a failure. */
export function clickSendResult(code: string): ClickSendResultInfo {
  const trimmed = code.trim();
  const known = CLICKSEND_RESULTS.get(trimmed);
  if (known) return known;
  if (/^21\d\d$/.test(trimmed)) {
    return { code: trimmed, text: 'Internal error', description: 'Internal error.', hint: 'A temporary ClickSend error; retry later.', success: false, retryable: true };
  }
  return { code: trimmed, text: 'Unknown result', description: `Result code ${trimmed} is not documented.`, hint: 'See the ClickSend dashboard for details.', success: false };
}
