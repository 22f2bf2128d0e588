import type { BulkRunOptions } from '../../gateways/bulk/planner';
import { timerSleep } from '../shared/sleep';
import type { ClickSendClient } from '../../gateways/clicksend/client';
import type { ClickSendV3Client } from '../../gateways/clicksend-v3';
import { invalidInput } from '../../gateways/errors';
import type { SmsGateway } from '../../gateways/gateway';
import { API_LIMITS } from '../../gateways/limits';
import { createOperationRunner, type OperationResult } from '../shared/action';
import { batchWindow, bulkOptions, resolveSendOptions, sendFieldProperties, unicodeMode, type SendFieldsDef } from '../shared/action-config';
import { createBatchedSend } from '../shared/batched-send';
import { NODE_TYPES, type ClickSendConfigNode } from '../shared/node-types';
import type { NodeMessage, RED, RedNode } from '../shared/red';
import { buildItems } from '../shared/send';
import { evaluateProperty, optionalString, requiredString, typedProperty } from '../shared/typed-input';
import { v3Operations } from './v3-operations';

/**
 * The API choice as saved on the node. A node saved before the choice existed has no `api`: it stays on
 * the HTTP API v2 it always used. New nodes start on REST v3 (the editor's default), the API ClickSend's
 * own SDKs use. Both take the same username and key (one clicksend-config node).
 */
type Api = 'v2' | 'v3';

/**
 * The operations of each API, by the name the node's operation select uses. Where both APIs have a
 * command it keeps its name: replies and delivery reports without a message id list what there is, with
 * one they read that message's. REST v3 adds a price estimate (/sms/price) and cancelling scheduled
 * messages (one, or all). The editor reads this table (RED.settings.clicksendApiOperations).
 */
const OPERATIONS_BY_API = {
  v2: ['send', 'history', 'replies', 'deliveryReports', 'balance'],
  v3: ['send', 'priceEstimate', 'history', 'replies', 'deliveryReports', 'cancel', 'cancelAll', 'balance'],
} as const;
type Operation = (typeof OPERATIONS_BY_API)[Api][number];

function apiOf(value: unknown): Api {
  if (value === undefined || value === '' || value === 'v2') return 'v2';
  if (value === 'v3') return 'v3';
  throw invalidInput('api', `'${String(value)}' is not a ClickSend API (v2 or v3)`);
}

interface ClickSendDef extends SendFieldsDef {
  api?: Api;
  clicksendConfig?: string;
  operation?: Operation;
  messageId?: string;
  messageIdType?: string;
  fromEmail?: string;
  fromEmailType?: string;
  page?: string;
  pageType?: string;
  dateFrom?: string;
  dateFromType?: string;
  dateTo?: string;
  dateToType?: string;
  country?: string;
}

export = function register(RED: RED): void {
  function ClickSend(this: RedNode, def: ClickSendDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const operation: Operation = def.operation ?? 'send';
    const config = def.clicksendConfig ? (RED.nodes.getNode(def.clicksendConfig) as ClickSendConfigNode | null) : null;
    const props = {
      ...sendFieldProperties(def),
      fromEmail: typedProperty(def, 'fromEmail', { value: '', type: 'str' }),
      page: typedProperty(def, 'page', { value: '', type: 'num' }),
      dateFrom: typedProperty(def, 'dateFrom', { value: '', type: 'str' }),
      dateTo: typedProperty(def, 'dateTo', { value: '', type: 'str' }),
    };
    const run = createOperationRunner(node, RED._('clicksend.status.requesting'));

    let setupError: Error | undefined;
    let api: Api = 'v2';
    let bulk: BulkRunOptions = { sleep: timerSleep };
    try {
      api = apiOf(def.api);
      if (!(OPERATIONS_BY_API[api] as readonly string[]).includes(operation)) {
        throw invalidInput('operation', `'${String(operation)}' is not an operation of the ClickSend ${api === 'v3' ? 'REST API v3' : 'HTTP API v2'}`);
      }
      if (!config) throw invalidInput('clicksendConfig', 'no ClickSend configuration selected');
      bulk = bulkOptions(def);
    } catch (error) {
      setupError = error as Error;
      node.status({ fill: 'red', shape: 'ring', text: RED._('clicksend.status.not-configured') });
    }

    const use = <T>(call: (client: ClickSendClient) => Promise<T>): Promise<T> => (config as ClickSendConfigNode).use(call);
    const useV3 = <T>(call: (client: ClickSendV3Client) => Promise<T>): Promise<T> => (config as ClickSendConfigNode).useV3(call);
    const provider = api === 'v3' ? 'clicksend-v3' : 'clicksend';
    const gateway: SmsGateway = {
      provider,
      maxRecipientsPerRequest: API_LIMITS[provider].maxRecipientsPerRequest,
      send: (request) => (api === 'v3' ? useV3((client) => client.send(request)) : use((client) => client.send(request))),
    };
    /** Replies and delivery reports take an optional message id: without one they list every entry. */
    const optionalMessageId = async (msg: NodeMessage) => optionalString(await evaluateProperty(RED, node, msg, 'messageId', props.messageId), 'messageId');
    const requiredMessageId = async (msg: NodeMessage, hint: string) =>
      requiredString(await evaluateProperty(RED, node, msg, 'messageId', props.messageId), 'messageId', hint);
    const listResult = (events: unknown[]): OperationResult => ({ payload: events, status: RED._('clicksend.status.entries', { count: events.length }) });
    /** The sends one msg asks for, with the node's fields evaluated against that msg. */
    const itemsOf = async (msg: NodeMessage) => {
      const options = await resolveSendOptions(RED, node, msg, props, {
        unicode: unicodeMode(def.unicode),
        country: optionalString(def.country, 'country'),
      });
      const to = await evaluateProperty(RED, node, msg, 'to', props.to);
      const text = await evaluateProperty(RED, node, msg, 'text', props.text);
      return buildItems({ to, text, options }, msg.payload);
    };

    // Sends of msgs that arrive close together share requests (see send-batcher.ts).
    let batched: ReturnType<typeof createBatchedSend> | undefined;
    if (!setupError && operation === 'send') {
      try {
        batched = createBatchedSend(node, {
          gateway,
          bulk,
          window: batchWindow(def, gateway.maxRecipientsPerRequest),
          itemsOf,
          requestingText: RED._('clicksend.status.requesting'),
          sentText: (count) => RED._('clicksend.status.sent', { count }),
        });
      } catch (error) {
        setupError = error as Error;
        node.status({ fill: 'red', shape: 'ring', text: RED._('clicksend.status.not-configured') });
      }
    }

    const v2: Record<Exclude<(typeof OPERATIONS_BY_API)['v2'][number], 'send'>, (msg: NodeMessage) => Promise<OperationResult>> = {
      async history(msg) {
        const fromEmail = optionalString(await evaluateProperty(RED, node, msg, 'fromEmail', props.fromEmail), 'fromEmail');
        return listResult(await use((client) => client.getHistory(fromEmail)));
      },
      async replies(msg) {
        const messageId = await optionalMessageId(msg);
        return listResult(await use((client) => client.getReplies(messageId)));
      },
      async deliveryReports(msg) {
        const messageId = await optionalMessageId(msg);
        return listResult(await use((client) => client.getDeliveryReports(messageId)));
      },
      async balance() {
        return balanceResult(await use((client) => client.getBalance()));
      },
    };

    const v3 = v3Operations({
      useV3,
      itemsOf,
      optionalMessageId,
      requiredMessageId,
      field: (msg, name) => evaluateProperty(RED, node, msg, name, props[name]),
      listResult,
      balanceResult,
      cancelledText: (count) => RED._('clicksend.status.cancelled', { count }),
    });

    node.on('input', (msg, send, done) => {
      if (batched) return batched.input(msg, send, done);
      return run(msg, send, done, async () => {
        if (setupError || operation === 'send') throw setupError ?? new Error('not configured');
        const operations = (api === 'v3' ? v3 : v2) as Record<string, (msg: NodeMessage) => Promise<OperationResult>>;
        return operations[operation](msg);
      });
    });
    // A redeploy waits for the msgs already taken in: what is gathered goes out now, and done() is called
    // for each msg before the node reports itself closed.
    node.on('close', (_removed, done) => {
      if (batched) void batched.close().then(done, done);
      else done();
    });
  }

  function balanceResult(balance: { balance: number; currency: string | null }): OperationResult {
    return { payload: balance, status: `${balance.balance}${balance.currency ? ` ${balance.currency}` : ''}` };
  }

  RED.nodes.registerType(NODE_TYPES.clicksend, ClickSend, {
    // The editor offers per API exactly the operations this table lists.
    settings: { clicksendApiOperations: { value: OPERATIONS_BY_API, exportable: true } },
  });
};
