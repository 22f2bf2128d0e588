import type { GatewayError } from '../errors';
import { httpFailure } from '../http-failure';
import type { HttpResponse } from '../transport';

/**
 * The legacy API answers every command with HTTP 200 and a text line; any other status comes from the
 * gateway's front end or a proxy. 429 and 503 mean "not processed, come back later" (safe to repeat);
 * other 4xx mean the request was refused; other 5xx may have been cut after the gateway acted.
 */
export function httpStatusError(response: HttpResponse, options: { quoteBody: boolean; now?: Date }): GatewayError {
  const excerpt = options.quoteBody ? response.body.replace(/\s+/g, ' ').trim().slice(0, 200) : '';
  return httpFailure({
    provider: 'clickatell-http',
    status: response.status,
    headers: response.headers,
    providerText: excerpt !== '' ? excerpt : `HTTP status ${response.status}`,
    hint: hintFor(response.status),
    now: options.now ?? new Date(),
  });
}

function hintFor(status: number): string {
  if (status === 429) return 'Too many requests: slow down (the bulk send waits and retries).';
  if (status === 503) return 'The gateway is temporarily unavailable; retry later.';
  if (status === 401 || status === 403) return 'Check the credentials and the IP lockdown settings of the API.';
  if (status === 404) return 'Check the base URL in the credentials.';
  if (status >= 500) return 'A gateway error; it may have accepted the request, so check the message status before sending again.';
  return 'Unexpected HTTP status from the gateway; check the base URL in the credentials.';
}


export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}
