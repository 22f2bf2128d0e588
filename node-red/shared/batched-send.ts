import { runBulk, type BulkItem, type BulkRunOptions } from '../../gateways/bulk/planner';
import type { SmsGateway } from '../../gateways/gateway';
import { deliver, errorStatus, fail } from './action';
import type { DoneFn, NodeMessage, RedNode, SendFn } from './red';
import { outcomeOf, sendResult } from './send';
import { SendBatcher, type BatchWindow } from './send-batcher';
import { sharedLimits } from './shared-gateway';

export interface BatchedSendOptions {
  gateway: SmsGateway;
  /** The node's bulk settings (its concurrency and rate apply across all runs, see sharedLimits). */
  bulk: BulkRunOptions;
  window: BatchWindow;
  /** The sends one msg asks for (evaluates the node's fields against the msg; throws naming a field). */
  itemsOf(msg: NodeMessage): Promise<BulkItem[]>;
  requestingText: string;
  sentText(count: number): string;
}

/**
 * The send operation of an action node with sends gathered across msgs (send-batcher.ts). Each msg still
 * gets its own output (the msg itself, its _msgid and properties kept) or its own error to Catch nodes,
 * and its own done(). The status shows one busy spell rather than two updates per msg: blue while any
 * msg is in progress, then the last msg's result when there is one, or "sent N" for the spell, or the
 * last error's code.
 */
export function createBatchedSend(node: RedNode, options: BatchedSendOptions) {
  const { concurrency, ratePerSecond, ...rest } = options.bulk;
  const gateway = sharedLimits(options.gateway, concurrency ?? 4, ratePerSecond);
  const runOptions: BulkRunOptions = { ...rest, concurrency };
  const batcher = new SendBatcher((items) => runBulk(gateway, items, runOptions), options.window);

  let inProgress = 0;
  let spellMsgs = 0;
  let spellAccepted = 0;
  let lastStatus = '';
  let lastError: Error | undefined;
  const begin = (): void => {
    if (inProgress === 0) {
      spellMsgs = 0;
      spellAccepted = 0;
      lastError = undefined;
      node.status({ fill: 'blue', shape: 'dot', text: options.requestingText });
    }
    inProgress += 1;
  };
  const end = (): void => {
    inProgress -= 1;
    spellMsgs += 1;
    if (inProgress > 0) return;
    if (lastError) errorStatus(node, lastError);
    else node.status({ fill: 'green', shape: 'dot', text: (spellMsgs === 1 ? lastStatus : options.sentText(spellAccepted)).slice(0, 20) });
  };

  async function input(msg: NodeMessage, send: SendFn, done: DoneFn): Promise<void> {
    begin();
    try {
      const items = await options.itemsOf(msg);
      const outcome = outcomeOf(items, await batcher.submit(items));
      spellAccepted += outcome.stats.accepted;
      const result = sendResult(outcome, options.sentText);
      lastStatus = result.status;
      if (deliver(msg, send, done, result)) lastError = result.error;
    } catch (thrown) {
      lastError = fail(msg, done, thrown);
    } finally {
      end();
    }
  }

  return { input, close: () => batcher.close() };
}
