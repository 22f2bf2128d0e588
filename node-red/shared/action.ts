import { GatewayError, isGatewayError } from '../../gateways/errors';
import type { DoneFn, NodeMessage, RedNode, SendFn } from './red';

/** What one operation produced for a msg. */
export interface OperationResult {
  payload: unknown;
  /** Short text for the green status dot ("sent 3", "delivered", "12.5 credits"). */
  status: string;
  /** Extra msg properties (msg.failed, msg.bulk). */
  extra?: Record<string, unknown>;
  /** Set when part of the work failed: the msg is still sent with what succeeded, then reported. */
  error?: GatewayError;
  /** False when nothing succeeded, so no msg is sent (only the error goes to Catch nodes). */
  send?: boolean;
}

/** Red ring with the error's code (the status text should stay under 20 characters). */
export function errorStatus(node: RedNode, error: unknown): void {
  const code = isGatewayError(error) ? error.code : 'error';
  node.status({ fill: 'red', shape: 'ring', text: code.slice(0, 20) });
}

/**
 * Runs one operation for one msg with the conventions of core nodes: blue dot while requesting, green
 * dot with a short result, red ring with the error code; errors go to done(err) with the msg, so Catch
 * nodes receive them (msg.error gets message and code; msg.smsError carries the provider, the provider's
 * text, the hint and the field). Nothing is only logged. Secrets never get here: GatewayError messages and
 * toJSON() carry none.
 */
export function createOperationRunner(node: RedNode, requestingText: string) {
  return async function run(msg: NodeMessage, send: SendFn, done: DoneFn, work: () => Promise<OperationResult>): Promise<void> {
    node.status({ fill: 'blue', shape: 'dot', text: requestingText });
    try {
      const result = await work();
      if (deliver(msg, send, done, result)) errorStatus(node, result.error);
      else node.status({ fill: 'green', shape: 'dot', text: result.status.slice(0, 20) });
    } catch (thrown) {
      errorStatus(node, fail(msg, done, thrown));
    }
  };
}

/**
 * Puts one operation's result on its msg, sends it (unless nothing succeeded) and calls done once, with
 * the error when part of the work failed. Returns true when it reported an error. The node's status is
 * the caller's to set: a batched send sets it once per busy spell, not twice per msg.
 */
export function deliver(msg: NodeMessage, send: SendFn, done: DoneFn, result: OperationResult): boolean {
  msg.payload = result.payload;
  if (result.extra) Object.assign(msg, result.extra);
  if (result.send !== false) send(msg);
  if (result.error) {
    msg.smsError = result.error.toJSON();
    done(result.error);
    return true;
  }
  done();
  return false;
}

/** Reports a failure of the whole operation for one msg (to Catch nodes, with msg.smsError). */
export function fail(msg: NodeMessage, done: DoneFn, thrown: unknown): Error {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  if (isGatewayError(error)) msg.smsError = error.toJSON();
  done(error);
  return error;
}
