import type { BulkRunOptions } from '../../gateways/bulk/planner';
import { timerSleep } from '../shared/sleep';
import { invalidInput } from '../../gateways/errors';
import { PROVIDER_LABELS } from '../../gateways/provider';
import { createOperationRunner, type OperationResult } from '../shared/action';
import { batchWindow, bulkOptions, resolveSendOptions, sendFieldProperties, unicodeMode, type SendFieldsDef } from '../shared/action-config';
import { createBatchedSend } from '../shared/batched-send';
import { NODE_TYPES, type ClickatellHttpConfigNode, type ClickatellPortalConfigNode, type ClickatellRestConfigNode } from '../shared/node-types';
import type { NodeMessage, RED, RedNode } from '../shared/red';
import { buildItems } from '../shared/send';
import { evaluateProperty, optionalInteger, requiredString, typedProperty } from '../shared/typed-input';
import { API_PROVIDER, apiOf, CONFIG_PROPERTY, httpApi, OPERATIONS_BY_API, portalApi, restApi, type Api, type ClickatellApi, type Operation } from './apis';

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
