export { isRetryableStatus, retryAfterMs, deliveryForStatus, httpFailure, type HttpFailure } from '../http-failure';

/** The REST API's HTTP status table (spec section 9); the generic failure rules live in ../http-failure.ts. */

export interface HttpStatusInfo {
  status: number;
  description: string;
  hint: string;
}

const ROWS: HttpStatusInfo[] = [
  { status: 200, description: 'OK', hint: '' },
  { status: 202, description: 'Accepted', hint: '' },
  { status: 207, description: 'Multi-status', hint: 'Some messages were accepted and some were not; see each recipient.' },
  { status: 400, description: 'Bad request', hint: 'Validation failure: check the required fields, the option values and the headers.' },
  { status: 401, description: 'Unauthorized', hint: "Check the auth token in the credentials and the API's IP lockdown settings." },
  { status: 402, description: 'Payment required', hint: 'Not enough credits: buy credits in Developers\' Central.' },
  { status: 404, description: 'Not found', hint: 'The message or resource does not exist; check the message ID and the base URL.' },
  { status: 405, description: 'Method not allowed', hint: 'The HTTP method is not supported on this resource; report this as a bug in the node.' },
  { status: 410, description: 'Gone', hint: 'The number is blocked, delisted or cannot be routed.' },
  { status: 429, description: 'Too many requests', hint: 'Rate limited: slow down; the request can be repeated after a pause.' },
  { status: 503, description: 'Service unavailable', hint: 'A temporary gateway error; the request can be repeated later.' },
];

/** Clickatell REST API response status codes (spec section 9). */
export const REST_HTTP_STATUSES: ReadonlyMap<number, HttpStatusInfo> = new Map(ROWS.map((row) => [row.status, row]));

