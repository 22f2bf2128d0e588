import type { BulkRunOptions } from '../../gateways/bulk/planner';
import { timerSleep } from '../shared/sleep';
import type { ClickSendClient } from '../../gateways/clicksend/client';
import { invalidInput } from '../../gateways/errors';
import type { SmsGateway } from '../../gateways/gateway';
import { API_LIMITS } from '../../gateways/limits';
import { createOperationRunner, type OperationResult } from '../shared/action';
import { bulkOptions, resolveSendOptions, sendFieldProperties, unicodeMode, type SendFieldsDef } from '../shared/action-config';
import { NODE_TYPES, type ClickSendConfigNode } from '../shared/node-types';
import type { NodeMessage, RED, RedNode } from '../shared/red';
import { buildItems, sendItems } from '../shared/send';
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

    const operations: Record<Operation, (msg: NodeMessage) => Promise<OperationResult>> = {
      async send(msg) {
        const options = await resolveSendOptions(RED, node, msg, props, {
          unicode: unicodeMode(def.unicode),
          country: optionalString(def.country, 'country'),
        });
        const to = await evaluateProperty(RED, node, msg, 'to', props.to);
        const text = await evaluateProperty(RED, node, msg, 'text', props.text);
        const outcome = await sendItems(gateway, buildItems({ to, text, options }, msg.payload), bulk);
        if (outcome.single) {
          return outcome.error
            ? { payload: null, status: '', error: outcome.error, send: false }
            : { payload: outcome.events[0], status: outcome.events[0].state };
        }
        return {
          payload: outcome.events,
          extra: { failed: outcome.failed, bulk: outcome.stats },
          status: RED._('clicksend.status.sent', { count: outcome.stats.accepted }),
          error: outcome.error,
          send: outcome.events.length > 0,
        };
      },
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

    node.on('input', (msg, send, done) =>
      run(msg, send, done, async () => {
        if (setupError) throw setupError;
        return operations[operation](msg);
      }),
    );
  }

  RED.nodes.registerType(NODE_TYPES.clicksend, ClickSend);
};
