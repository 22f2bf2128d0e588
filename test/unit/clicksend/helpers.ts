import type { HttpResponse } from '../../../gateways/transport';

export { FakeTransport, rejected, thrown } from '../clickatell-rest/helpers';

export const NOW = new Date('2025-03-10T08:00:00Z');

/** An HTTP response carrying an XML body (ClickSend labels it application/json in the spec; we do not rely on it). */
export function xml(body: string, status = 200, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}
