import type { BulkRunOptions } from '../../gateways/bulk/planner';
import { timerSleep } from '../shared/sleep';
import type { ClickSendClient } from '../../gateways/clicksend/client';
import { invalidInput } from '../../gateways/errors';
import type { SmsGateway } from '../../gateways/gateway';
import { API_LIMITS } from '../../gateways/limits';
import { createOperationRunner, type OperationResult } from '../shared/action';
import { batchWindow, bulkOptions, resolveSendOptions, sendFieldProperties, unicodeMode, type SendFieldsDef } from '../shared/action-config';
import { createBatchedSend } from '../shared/batched-send';
import { NODE_TYPES, type ClickSendConfigNode } from '../shared/node-types';
import type { NodeMessage, RED, RedNode } from '../shared/red';
import { buildItems } from '../shared/send';
import { evaluateProperty, optionalString, typedProperty } from '../shared/typed-input';

/** Every command of the ClickSend HTTP API v2, by the name the node's operation select uses. */
const CLICKSEND_OPERATIONS = ['send', 'history', 'replies', 'deliveryReports', 'balance'] as const;
type Operation = (typeof CLICKSEND_OPERATIONS)[number];

interface ClickSendDef extends SendFieldsDef {
  clicksendConfig?: string;
  operation?: Operation;
  messageId?: string;
  messageIdType?: string;
  fromEmail?: string;
  fromEmailType?: string;
  country?: string;
}

export = function register(RED: RED): void {
  function ClickSend(this: RedNode, def: ClickSendDef) {
    RED.nodes.createNode(this, def);
    const node = this;
    const operation: Operation = def.operation ?? 'send';
    const config = def.clicksendConfig ? (RED.nodes.getNode(def.clicksendConfig) as ClickSendConfigNode | null) : null;
    const props = { ...sendFieldProperties(def), fromEmail: typedProperty(def, 'fromEmail', { value: '', type: 'str' }) };
    const run = createOperationRunner(node, RED._('clicksend.status.requesting'));

    let setupError: Error | undefined;
    let bulk: BulkRunOptions = { sleep: timerSleep };
    try {
      if (!CLICKSEND_OPERATIONS.includes(operation)) throw invalidInput('operation', `'${String(operation)}' is not a ClickSend operation`);
      if (!config) throw invalidInput('clicksendConfig', 'no ClickSend configuration selected');
      bulk = bulkOptions(def);
    } catch (error) {
      setupError = error as Error;
      node.status({ fill: 'red', shape: 'ring', text: RED._('clicksend.status.not-configured') });
    }

    const use = <T>(call: (client: ClickSendClient) => Promise<T>): Promise<T> => (config as ClickSendConfigNode).use(call);
    const gateway: SmsGateway = {
      provider: 'clicksend',
      maxRecipientsPerRequest: API_LIMITS.clicksend.maxRecipientsPerRequest,
      send: (request) => use((client) => client.send(request)),
    };
    /** reply.php and delivery.php take an optional message id: without one they return every unread entry. */
    const optionalMessageId = async (msg: NodeMessage) => optionalString(await evaluateProperty(RED, node, msg, 'messageId', props.messageId), 'messageId');
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

    const operations: Record<Exclude<Operation, 'send'>, (msg: NodeMessage) => Promise<OperationResult>> = {
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
        const balance = await use((client) => client.getBalance());
        return { payload: balance, status: `${balance.balance}${balance.currency ? ` ${balance.currency}` : ''}` };
      },
    };

    node.on('input', (msg, send, done) => {
      if (batched) return batched.input(msg, send, done);
      return run(msg, send, done, async () => {
        if (setupError || operation === 'send') throw setupError ?? new Error('not configured');
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

  RED.nodes.registerType(NODE_TYPES.clicksend, ClickSend);
};
