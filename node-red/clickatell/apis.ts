// The Clickatell APIs the clickatell node speaks, each reached through its config node: which operations
// each one offers, and an adapter with the calls those operations need.
import type { ClickatellHttpClient } from '../../gateways/clickatell-http/client';
import { PORTAL_OPERATIONS } from '../../gateways/clickatell-portal';
import type { ClickatellRestClient } from '../../gateways/clickatell-rest/client';
import { invalidInput } from '../../gateways/errors';
import type { BalanceResult, SmsEvent } from '../../gateways/events';
import type { SmsGateway } from '../../gateways/gateway';
import { API_LIMITS } from '../../gateways/limits';
import { PROVIDER_LABELS, type Provider } from '../../gateways/provider';
import type { ClickatellHttpConfigNode, ClickatellPortalClients, ClickatellPortalConfigNode, ClickatellRestConfigNode } from '../shared/node-types';

/** Every command of the Clickatell APIs, by the name the node's operation select uses. */
export const CLICKATELL_OPERATIONS = ['send', 'status', 'charge', 'stop', 'balance', 'tokenPay', 'coverage'] as const;
export type Operation = (typeof CLICKATELL_OPERATIONS)[number];

/**
 * The API choice as saved on the node: the Developers' Central APIs (legacy HTTP, REST with a token) and the
 * Portal APIs (One API, Platform SMS API, with an integration's API key). A node saved before the choice had
 * the Portal APIs, or before it existed at all, has 'http' or no `api`: it stays on the HTTP API.
 */
export type Api = 'http' | 'rest' | 'one' | 'platform';
export const API_PROVIDER: Record<Api, Provider> = { http: 'clickatell-http', rest: 'clickatell-rest', one: 'clickatell-one', platform: 'clickatell-platform' };
/** The config node property each API reads its account from (the two Portal APIs share one key). */
export const CONFIG_PROPERTY: Record<Api, 'httpConfig' | 'restConfig' | 'portalConfig'> = { http: 'httpConfig', rest: 'restConfig', one: 'portalConfig', platform: 'portalConfig' };

export function apiOf(value: unknown): Api {
  if (value === undefined || value === '') return 'http';
  if (value === 'http' || value === 'rest' || value === 'one' || value === 'platform') return value;
  throw invalidInput('api', `'${String(value)}' is not a Clickatell API (http, rest, one or platform)`);
}

/**
 * The operations each API offers. The REST API has no voucher command (token_pay is legacy HTTP only); its
 * GET /rest/message/{id} returns the charge with the status, so "charge" stays available there. The Portal
 * APIs offer what gateways/clickatell-portal confirms from Clickatell's public material (PORTAL_OPERATIONS),
 * nothing guessed. The editor reads this same table (exported as the clickatellApiOperations setting).
 */
export const OPERATIONS_BY_API: Readonly<Record<Api, readonly Operation[]>> = {
  http: CLICKATELL_OPERATIONS,
  rest: ['send', 'status', 'charge', 'stop', 'balance', 'coverage'],
  one: PORTAL_OPERATIONS['clickatell-one'],
  platform: PORTAL_OPERATIONS['clickatell-platform'],
};

/**
 * One API's client, reached through its config node, with the calls the operations need. An API has only
 * the calls of its operations (OPERATIONS_BY_API decides, before any msg arrives).
 */
export interface ClickatellApi {
  provider: Provider;
  gateway: SmsGateway;
  status?(id: string): Promise<SmsEvent>;
  charge?(id: string): Promise<SmsEvent>;
  stop?(id: string): Promise<SmsEvent>;
  balance?(): Promise<{ balance: number; currency: string | null }>;
  tokenPay?(token: string): Promise<{ value: string }>;
  coverage?(msisdn: string): Promise<{ routable: boolean }>;
}

export function httpApi(config: ClickatellHttpConfigNode): ClickatellApi {
  const use = <T>(call: (client: ClickatellHttpClient) => Promise<T>) => config.use(call);
  return {
    provider: 'clickatell-http',
    gateway: { provider: 'clickatell-http', maxRecipientsPerRequest: API_LIMITS['clickatell-http'].maxRecipientsPerRequest, send: (request) => use((c) => c.send(request)) },
    status: (id) => use((c) => c.queryStatus(id)),
    charge: (id) => use((c) => c.getCharge(id)),
    stop: (id) => use((c) => c.stop(id)),
    balance: () => use((c) => c.getBalance()),
    tokenPay: (token) => use((c) => c.tokenPay(token)),
    coverage: (msisdn) => use((c) => c.coverage(msisdn)),
  };
}

export function restApi(config: ClickatellRestConfigNode): ClickatellApi {
  const use = <T>(call: (client: ClickatellRestClient) => Promise<T>) => config.use(call);
  return {
    provider: 'clickatell-rest',
    gateway: { provider: 'clickatell-rest', maxRecipientsPerRequest: API_LIMITS['clickatell-rest'].maxRecipientsPerRequest, send: (request) => use((c) => c.send(request)) },
    status: (id) => use((c) => c.getStatus(id)),
    charge: (id) => use((c) => c.getStatus(id)),
    stop: (id) => use((c) => c.stop(id)),
    balance: () => use((c) => c.getBalance()),
    coverage: (msisdn) => use((c) => c.coverage(msisdn)),
  };
}

/** The optional calls of a Portal client: present only where gateways/clickatell-portal confirmed them. */
interface PortalCalls {
  getStatus?(apiMessageId: string): Promise<SmsEvent>;
  getBalance?(): Promise<BalanceResult>;
}

/** The One API or the Platform SMS API, through the Portal config node (one key serves both). */
export function portalApi(config: ClickatellPortalConfigNode, api: 'one' | 'platform'): ClickatellApi {
  const provider = API_PROVIDER[api] as 'clickatell-one' | 'clickatell-platform';
  const clientOf = (clients: ClickatellPortalClients) => (api === 'one' ? clients.one : clients.platform);
  // The calls are looked up on the client: PORTAL_OPERATIONS decides what is offered, and a client without
  // the call (a table and a client out of step) gives an error naming the operation, not a TypeError.
  const calls = (clients: ClickatellPortalClients): PortalCalls => clientOf(clients) as PortalCalls;
  const missing = () => invalidInput('operation', `not available on the ${PROVIDER_LABELS[provider]}`);
  const ops = OPERATIONS_BY_API[api];
  // The batch size the client itself uses (ClickatellPlatformClient.maxRecipientsPerRequest): an HTTP
  // integration takes one handset per request (S4 of ../shared/specs/clickatell-platform-api.md).
  const perRequest =
    api === 'platform' && config.integrationType === 'http' ? API_LIMITS[provider].maxRecipientsGet : API_LIMITS[provider].maxRecipientsPerRequest;
  return {
    provider,
    gateway: { provider, maxRecipientsPerRequest: perRequest, send: (request) => config.use((clients) => clientOf(clients).send(request)) },
    status: ops.includes('status')
      ? (id) => config.use((clients) => calls(clients).getStatus?.call(clientOf(clients), id) ?? Promise.reject(missing()))
      : undefined,
    balance: ops.includes('balance')
      ? () => config.use((clients) => calls(clients).getBalance?.call(clientOf(clients)) ?? Promise.reject(missing()))
      : undefined,
  };
}
