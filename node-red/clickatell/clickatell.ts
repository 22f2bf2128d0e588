import type { BulkRunOptions } from '../../gateways/bulk/planner';
import { timerSleep } from '../shared/sleep';
import type { ClickatellHttpClient } from '../../gateways/clickatell-http/client';
import { PORTAL_OPERATIONS } from '../../gateways/clickatell-portal';
import type { ClickatellRestClient } from '../../gateways/clickatell-rest/client';
import { invalidInput } from '../../gateways/errors';
import type { BalanceResult, SmsEvent } from '../../gateways/events';
import type { SmsGateway } from '../../gateways/gateway';
import { API_LIMITS } from '../../gateways/limits';
import { PROVIDER_LABELS, type Provider } from '../../gateways/provider';
import { createOperationRunner, type OperationResult } from '../shared/action';
import { batchWindow, bulkOptions, resolveSendOptions, sendFieldProperties, unicodeMode, type SendFieldsDef } from '../shared/action-config';
import { createBatchedSend } from '../shared/batched-send';
import { NODE_TYPES, type ClickatellHttpConfigNode, type ClickatellPortalClients, type ClickatellPortalConfigNode, type ClickatellRestConfigNode } from '../shared/node-types';
import type { NodeMessage, RED, RedNode } from '../shared/red';
import { buildItems } from '../shared/send';
import { evaluateProperty, optionalInteger, requiredString, typedProperty } from '../shared/typed-input';

/** Every command of the Clickatell APIs, by the name the node's operation select uses. */
const CLICKATELL_OPERATIONS = ['send', 'status', 'charge', 'stop', 'balance', 'tokenPay', 'coverage'] as const;
type Operation = (typeof CLICKATELL_OPERATIONS)[number];

/**
 * The API choice as saved on the node: the Developers' Central APIs (legacy HTTP, REST with a token) and the
 * Portal APIs (One API, Platform SMS API, with an integration's API key). A node saved before the choice had
 * the Portal APIs, or before it existed at all, has 'http' or no `api`: it stays on the HTTP API.
 */
type Api = 'http' | 'rest' | 'one' | 'platform';
const API_PROVIDER: Record<Api, Provider> = { http: 'clickatell-http', rest: 'clickatell-rest', one: 'clickatell-one', platform: 'clickatell-platform' };
/** The config node property each API reads its account from (the two Portal APIs share one key). */
const CONFIG_PROPERTY: Record<Api, 'httpConfig' | 'restConfig' | 'portalConfig'> = { http: 'httpConfig', rest: 'restConfig', one: 'portalConfig', platform: 'portalConfig' };

function apiOf(value: unknown): Api {
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
const OPERATIONS_BY_API: Readonly<Record<Api, readonly Operation[]>> = {
  http: CLICKATELL_OPERATIONS,
  rest: ['send', 'status', 'charge', 'stop', 'balance', 'coverage'],
  one: PORTAL_OPERATIONS['clickatell-one'],
  platform: PORTAL_OPERATIONS['clickatell-platform'],
};

interface ClickatellDef extends SendFieldsDef {
  api?: Api;
  httpConfig?: string;
  restConfig?: string;
  portalConfig?: string;
  operation?: Operation;
  messageId?: string;
  messageIdType?: string;
  token?: string;
  tokenType?: string;
  callback?: string | number;
  maxParts?: string | number;
}

/**
 * One API's client, reached through its config node, with the calls the operations need. An API has only
 * the calls of its operations (OPERATIONS_BY_API decides, before any msg arrives).
 */
interface ClickatellApi {
  provider: Provider;
  gateway: SmsGateway;
  status?(id: string): Promise<SmsEvent>;
  charge?(id: string): Promise<SmsEvent>;
  stop?(id: string): Promise<SmsEvent>;
  balance?(): Promise<{ balance: number; currency: string | null }>;
  tokenPay?(token: string): Promise<{ value: string }>;
  coverage?(msisdn: string): Promise<{ routable: boolean }>;
}

function httpApi(config: ClickatellHttpConfigNode): ClickatellApi {
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

function restApi(config: ClickatellRestConfigNode): ClickatellApi {
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
function portalApi(config: ClickatellPortalConfigNode, api: 'one' | 'platform'): ClickatellApi {
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

export = function register(RED: RED): void {
  function Clickatell(this: RedNode, def: ClickatellDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const operation: Operation = def.operation ?? 'send';
    const props = { ...sendFieldProperties(def), token: typedProperty(def, 'token', { value: 'payload', type: 'msg' }) };
    const run = createOperationRunner(node, RED._('clickatell.status.requesting'));

    // Problems with the node's own settings are reported per msg (to Catch nodes) and shown on the node.
    let setupError: Error | undefined;
    let api: Api = 'http';
    let clickatell: ClickatellApi | undefined;
    let bulk: BulkRunOptions = { sleep: timerSleep };
    try {
      api = apiOf(def.api);
      if (!OPERATIONS_BY_API[api].includes(operation)) throw invalidInput('operation', `'${operation}' is not available on the ${PROVIDER_LABELS[API_PROVIDER[api]]}`);
      const property = CONFIG_PROPERTY[api];
      const configId = def[property];
      const config = configId ? RED.nodes.getNode(configId) : null;
      if (!config) throw invalidInput(property, `no ${PROVIDER_LABELS[API_PROVIDER[api]]} configuration selected`);
      clickatell =
        api === 'rest'
          ? restApi(config as ClickatellRestConfigNode)
          : api === 'http'
            ? httpApi(config as ClickatellHttpConfigNode)
            : portalApi(config as ClickatellPortalConfigNode, api);
      bulk = bulkOptions(def);
    } catch (error) {
      setupError = error as Error;
      node.status({ fill: 'red', shape: 'ring', text: RED._('clickatell.status.not-configured') });
    }
    /**
     * The Portal APIs pick the encoding from the text and take status callbacks from the integration's
     * settings: the node's Unicode, callback level and part limit (hidden in the editor there) are not sent.
     */
    const legacy = api === 'http' || api === 'rest';

    const messageIdOf = async (msg: NodeMessage): Promise<string> =>
      requiredString(await evaluateProperty(RED, node, msg, 'messageId', props.messageId), 'messageId', 'The message id a send returned (msg.payload.messageId after a send)');

    /** The sends one msg asks for, with the node's fields evaluated against that msg. */
    const itemsOf = async (msg: NodeMessage) => {
      const options = await resolveSendOptions(RED, node, msg, props, {
        unicode: legacy ? unicodeMode(def.unicode) : undefined,
        ...(legacy ? { callback: optionalInteger(def.callback, 'callback', 0, 7), maxParts: optionalInteger(def.maxParts, 'maxParts', 1, 3) } : {}),
      });
      const to = await evaluateProperty(RED, node, msg, 'to', props.to);
      const text = await evaluateProperty(RED, node, msg, 'text', props.text);
      return buildItems({ to, text, options }, msg.payload);
    };

    // Sends of msgs that arrive close together share requests (see send-batcher.ts).
    let batched: ReturnType<typeof createBatchedSend> | undefined;
    if (!setupError && clickatell && operation === 'send') {
      try {
        batched = createBatchedSend(node, {
          gateway: clickatell.gateway,
          bulk,
          window: batchWindow(def, clickatell.gateway.maxRecipientsPerRequest),
          itemsOf,
          requestingText: RED._('clickatell.status.requesting'),
          sentText: (count) => RED._('clickatell.status.sent', { count }),
        });
      } catch (error) {
        setupError = error as Error;
        node.status({ fill: 'red', shape: 'ring', text: RED._('clickatell.status.not-configured') });
      }
    }

    /** An operation's call; OPERATIONS_BY_API already refused an operation the API lacks, at deploy. */
    const need = <F>(call: F | undefined): F => {
      if (call === undefined) throw invalidInput('operation', `'${operation}' is not available on the ${PROVIDER_LABELS[API_PROVIDER[api]]}`);
      return call;
    };

    const operations: Record<Exclude<Operation, 'send'>, (msg: NodeMessage, api: ClickatellApi) => Promise<OperationResult>> = {
      async status(msg, gw) {
        const event = await need(gw.status)(await messageIdOf(msg));
        return { payload: event, status: event.state };
      },
      async charge(msg, gw) {
        const event = await need(gw.charge)(await messageIdOf(msg));
        return { payload: event, status: event.charge === null ? event.state : `${event.charge} (${event.state})` };
      },
      async stop(msg, gw) {
        const event = await need(gw.stop)(await messageIdOf(msg));
        return { payload: event, status: event.state };
      },
      async balance(_msg, gw) {
        const balance = await need(gw.balance)();
        return { payload: balance, status: `${balance.balance}${balance.currency ? ` ${balance.currency}` : ''}` };
      },
      async tokenPay(msg, gw) {
        const token = requiredString(await evaluateProperty(RED, node, msg, 'token', props.token), 'token', 'The voucher token to redeem');
        const result = await need(gw.tokenPay)(token);
        return { payload: result, status: `OK ${result.value}` };
      },
      async coverage(msg, gw) {
        const msisdn = requiredString(await evaluateProperty(RED, node, msg, 'to', props.to), 'to', 'The number to check, in international format');
        const coverage = await need(gw.coverage)(msisdn);
        return { payload: coverage, status: coverage.routable ? RED._('clickatell.status.routable') : RED._('clickatell.status.not-routable') };
      },
    };

    node.on('input', (msg, send, done) => {
      if (batched) return batched.input(msg, send, done);
      return run(msg, send, done, async () => {
        if (setupError || !clickatell || operation === 'send') throw setupError ?? new Error('not configured');
        return operations[operation](msg, clickatell);
      });
    });
    // A redeploy waits for the msgs already taken in: what is gathered goes out now, and done() is called
    // for each msg before the node reports itself closed.
    node.on('close', (_removed, done) => {
      if (batched) void batched.close().then(done, done);
      else done();
    });
  }

  RED.nodes.registerType(NODE_TYPES.clickatell, Clickatell, {
    // The editor offers per API exactly the operations this table lists (RED.settings.clickatellApiOperations).
    settings: { clickatellApiOperations: { value: OPERATIONS_BY_API, exportable: true } },
  });
};
