import type { BulkRunOptions } from '../../gateways/bulk/planner';
import { timerSleep } from '../shared/sleep';
import type { ClickatellHttpClient } from '../../gateways/clickatell-http/client';
import type { ClickatellRestClient } from '../../gateways/clickatell-rest/client';
import { invalidInput } from '../../gateways/errors';
import type { SmsEvent } from '../../gateways/events';
import type { SmsGateway } from '../../gateways/gateway';
import { API_LIMITS } from '../../gateways/limits';
import { createOperationRunner, type OperationResult } from '../shared/action';
import { batchWindow, bulkOptions, resolveSendOptions, sendFieldProperties, unicodeMode, type SendFieldsDef } from '../shared/action-config';
import { createBatchedSend } from '../shared/batched-send';
import { NODE_TYPES, type ClickatellHttpConfigNode, type ClickatellRestConfigNode } from '../shared/node-types';
import type { NodeMessage, RED, RedNode } from '../shared/red';
import { buildItems } from '../shared/send';
import { evaluateProperty, optionalInteger, requiredString, typedProperty } from '../shared/typed-input';

/** Every command of the two Clickatell APIs, by the name the node's operation select uses. */
const CLICKATELL_OPERATIONS = ['send', 'status', 'charge', 'stop', 'balance', 'tokenPay', 'coverage'] as const;
type Operation = (typeof CLICKATELL_OPERATIONS)[number];

/**
 * The REST API has no voucher command (token_pay is legacy HTTP only). Its GET /rest/message/{id}
 * returns the charge with the status, so "charge" stays available there.
 */
const OPERATIONS_BY_API: Record<'http' | 'rest', readonly Operation[]> = {
  http: CLICKATELL_OPERATIONS,
  rest: ['send', 'status', 'charge', 'stop', 'balance', 'coverage'],
};

interface ClickatellDef extends SendFieldsDef {
  api?: 'http' | 'rest';
  httpConfig?: string;
  restConfig?: string;
  operation?: Operation;
  messageId?: string;
  messageIdType?: string;
  token?: string;
  tokenType?: string;
  callback?: string | number;
  maxParts?: string | number;
}

/** One API's client, reached through its config node, with the calls the operations need. */
interface ClickatellApi {
  provider: 'clickatell-http' | 'clickatell-rest';
  gateway: SmsGateway;
  status(id: string): Promise<SmsEvent>;
  charge(id: string): Promise<SmsEvent>;
  stop(id: string): Promise<SmsEvent>;
  balance(): Promise<{ balance: number; currency: string | null }>;
  tokenPay(token: string): Promise<{ value: string }>;
  coverage(msisdn: string): Promise<{ routable: boolean }>;
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
    tokenPay: () => Promise.reject(invalidInput('operation', 'token pay is only available on the Clickatell HTTP API')),
    coverage: (msisdn) => use((c) => c.coverage(msisdn)),
  };
}

export = function register(RED: RED): void {
  function Clickatell(this: RedNode, def: ClickatellDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const api = def.api === 'rest' ? 'rest' : 'http';
    const operation: Operation = def.operation ?? 'send';
    const configId = api === 'rest' ? def.restConfig : def.httpConfig;
    const config = configId ? RED.nodes.getNode(configId) : null;
    const props = { ...sendFieldProperties(def), token: typedProperty(def, 'token', { value: 'payload', type: 'msg' }) };
    const run = createOperationRunner(node, RED._('clickatell.status.requesting'));

    // Problems with the node's own settings are reported per msg (to Catch nodes) and shown on the node.
    let setupError: Error | undefined;
    let clickatell: ClickatellApi | undefined;
    let bulk: BulkRunOptions = { sleep: timerSleep };
    try {
      if (!OPERATIONS_BY_API[api].includes(operation)) throw invalidInput('operation', `'${operation}' is not available on the Clickatell ${api.toUpperCase()} API`);
      if (!config) throw invalidInput(api === 'rest' ? 'restConfig' : 'httpConfig', 'no Clickatell configuration selected');
      clickatell = api === 'rest' ? restApi(config as ClickatellRestConfigNode) : httpApi(config as ClickatellHttpConfigNode);
      bulk = bulkOptions(def);
    } catch (error) {
      setupError = error as Error;
      node.status({ fill: 'red', shape: 'ring', text: RED._('clickatell.status.not-configured') });
    }

    const messageIdOf = async (msg: NodeMessage): Promise<string> =>
      requiredString(await evaluateProperty(RED, node, msg, 'messageId', props.messageId), 'messageId', 'The apiMsgId returned by a send (msg.payload.messageId after a send)');

    /** The sends one msg asks for, with the node's fields evaluated against that msg. */
    const itemsOf = async (msg: NodeMessage) => {
      const options = await resolveSendOptions(RED, node, msg, props, {
        unicode: unicodeMode(def.unicode),
        callback: optionalInteger(def.callback, 'callback', 0, 7),
        maxParts: optionalInteger(def.maxParts, 'maxParts', 1, 3),
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

    const operations: Record<Exclude<Operation, 'send'>, (msg: NodeMessage, api: ClickatellApi) => Promise<OperationResult>> = {
      async status(msg, gw) {
        const event = await gw.status(await messageIdOf(msg));
        return { payload: event, status: event.state };
      },
      async charge(msg, gw) {
        const event = await gw.charge(await messageIdOf(msg));
        return { payload: event, status: event.charge === null ? event.state : `${event.charge} (${event.state})` };
      },
      async stop(msg, gw) {
        const event = await gw.stop(await messageIdOf(msg));
        return { payload: event, status: event.state };
      },
      async balance(_msg, gw) {
        const balance = await gw.balance();
        return { payload: balance, status: `${balance.balance}${balance.currency ? ` ${balance.currency}` : ''}` };
      },
      async tokenPay(msg, gw) {
        const token = requiredString(await evaluateProperty(RED, node, msg, 'token', props.token), 'token', 'The voucher token to redeem');
        const result = await gw.tokenPay(token);
        return { payload: result, status: `OK ${result.value}` };
      },
      async coverage(msg, gw) {
        const msisdn = requiredString(await evaluateProperty(RED, node, msg, 'to', props.to), 'to', 'The number to check, in international format');
        const coverage = await gw.coverage(msisdn);
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

  RED.nodes.registerType(NODE_TYPES.clickatell, Clickatell);
};
