/**
 * The operations of the Portal APIs that public material confirms, the one table both runtimes read
 * to offer operations (docs/current-apis.md says what is left out and why):
 * - Platform SMS API: send (POST /messages, S1/S2 of ../shared/specs/clickatell-platform-api.md) and
 *   balance (GET /public-client/balance, Clickatell's "REST API: get account balance" page, S5).
 *   No status: /public-client/message/status is only in third-party code (S19), answer unpublished.
 * - One API: send (POST /v1/message, S10/S11) and status (Clickatell's One API OpenAPI "Query status
 *   of a message"). No balance: GET /v1/balance is only in third-party code (S17).
 */
export type PortalOperation = 'send' | 'status' | 'balance';

export const PORTAL_OPERATIONS: Readonly<Record<'clickatell-platform' | 'clickatell-one', readonly PortalOperation[]>> = Object.freeze({
  'clickatell-platform': Object.freeze(['send', 'balance'] as const),
  'clickatell-one': Object.freeze(['send', 'status'] as const),
});
