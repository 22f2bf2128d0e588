/**
 * ClickSend's application status codes, one table for both APIs. HTTP API v2 answers HTTP 200 with a numeric
 * `<result>` code (../shared/specs/clicksend-http-api-v2.apib, "Response Codes"); REST API v3 gives the same
 * outcomes by name, as each message's `status` and as the envelope's `response_code`
 * (../shared/specs/clicksend-rest-api-v3.md §1.3, from ClickSend's apiary document C1 and help page C6).
 * Rows pair a v2 code with its v3 name where both describe the same outcome; v3-only names have no v2 code.
 */
export interface ClickSendResultInfo {
  /** The v2 `<result>` code, or the v3 name for outcomes v2 does not have. */
  code: string;
  /** The REST v3 name (SUCCESS, INVALID_RECIPIENT ...). */
  name?: string;
  text: string;
  description: string;
  hint: string;
  success: boolean;
  retryable?: boolean;
}

const ROWS: ClickSendResultInfo[] = [
  { code: '0000', name: 'SUCCESS', text: 'Success', description: 'Message added to queue OK.', hint: '', success: true },
  { code: '2006', name: 'MISSING_CREDENTIALS', text: 'Missing credentials', description: 'Not enough information has been supplied for authentication.', hint: 'Fill in the username and API key in the credentials.', success: false },
  { code: '2007', name: 'ACCOUNT_NOT_ACTIVATED', text: 'Account not activated', description: 'Your account has not been activated.', hint: 'Activate the ClickSend account in the dashboard.', success: false },
  { code: '2015', name: 'INVALID_RECIPIENT', text: 'Invalid recipient', description: 'The destination mobile number is invalid.', hint: 'Use the international format with + and country code (e.g. +61411111111).', success: false },
  { code: '2016', name: 'THROTTLED', text: 'Throttled', description: 'Identical message already sent to this recipient. Please try again in a few seconds.', hint: 'The same text went to this number moments ago; it was not sent again.', success: false },
  { code: '2017', name: 'INVALID_SENDER_ID', text: 'Invalid sender id', description: 'Invalid Sender ID. Please ensure Sender ID is no longer than 11 characters (if alphanumeric), and contains no spaces.', hint: 'Use at most 11 letters/digits without spaces, or a phone number.', success: false },
  { code: '2018', name: 'INSUFFICIENT_CREDIT', text: 'Low credit', description: 'You have reached the end of your message credits.', hint: 'Buy more message credits.', success: false },
  { code: '2022', name: 'INVALID_CREDENTIALS', text: 'Invalid credentials', description: 'Your Username or Unique Key is incorrect.', hint: 'Check the username and API key in the credentials.', success: false },
  { code: '2051', name: 'EMPTY_MESSAGE', text: 'Empty message', description: 'Message is empty.', hint: 'The message text is empty.', success: false },
  { code: '2052', name: 'TOO_MANY_RECIPIENTS', text: 'Too many recipients', description: 'Too many recipients.', hint: 'Send to at most 1000 recipients per request.', success: false },
  // REST v3 only (C1 §1.3; INVALID_RETURN_ADDRESS from C6). MMS-, voice- and post-only names are left out.
  { code: 'ALREADY_EXISTS', name: 'ALREADY_EXISTS', text: 'Already exists', description: 'The resource already exists.', hint: 'It was created before; nothing new was made.', success: false },
  { code: 'MISSING_REQUIRED_FIELDS', name: 'MISSING_REQUIRED_FIELDS', text: 'Missing required fields', description: 'Some required fields are missing.', hint: 'Report this as a bug in the node: it sends every required field.', success: false },
  { code: 'INVALID_SCHEDULE', name: 'INVALID_SCHEDULE', text: 'Invalid schedule', description: 'The schedule is not a valid unix timestamp.', hint: 'Check the scheduled time.', success: false },
  { code: 'NOT_ENOUGH_PERMISSION_TO_LIST_ID', name: 'NOT_ENOUGH_PERMISSION_TO_LIST_ID', text: 'No access to list', description: 'You do not have access to this list_id.', hint: 'Use a contact list of this account.', success: false },
  { code: 'INTERNAL_ERROR', name: 'INTERNAL_ERROR', text: 'Internal error', description: 'Internal error.', hint: 'A ClickSend error; check the SMS history before sending again.', success: false },
  { code: 'SOMETHING_IS_WRONG', name: 'SOMETHING_IS_WRONG', text: 'Something is wrong', description: 'A generic error.', hint: 'See the ClickSend dashboard for details.', success: false },
  { code: 'INVALID_RETURN_ADDRESS', name: 'INVALID_RETURN_ADDRESS', text: 'Invalid return address', description: 'The return address is invalid.', hint: 'Check the return address.', success: false },
];

/** The HTTP API v2 `<result>` codes (the rows with a numeric code). */
export const CLICKSEND_RESULTS: ReadonlyMap<string, ClickSendResultInfo> = new Map(ROWS.filter((row) => /^\d{4}$/.test(row.code)).map((row) => [row.code, row]));

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

const BY_NAME: ReadonlyMap<string, ClickSendResultInfo> = new Map(ROWS.filter((row) => row.name !== undefined).map((row) => [row.name!, row]));

/**
 * Look up a REST v3 status name (a message's `status`, the envelope's `response_code`); the info's `code` is
 * the name. Unknown names are failures with ClickSend's own text left to the caller.
 */
export function clickSendV3Result(name: string): ClickSendResultInfo {
  const trimmed = name.trim().toUpperCase();
  const known = BY_NAME.get(trimmed);
  if (known) return { ...known, code: trimmed };
  return { code: trimmed, name: trimmed, text: 'Unknown status', description: `Status ${trimmed} is not documented.`, hint: 'See the ClickSend dashboard for details.', success: false };
}
