import { GatewayError, isGatewayError } from '../errors';
import type { RecipientOutcome } from '../gateway';
import type { Provider } from '../provider';
import { recipientKey } from './batches';

/** Decides whether the number a gateway reported is the number we sent in that position. */
export type SameRecipient = (sent: string, reported: string) => boolean;

/**
 * Default check: the same digits (ignoring '+', spaces and a leading '00'), or a national number we
 * sent ('0821234567') that the client completed with a country code ('27821234567').
 */
export const isSameRecipient: SameRecipient = (sent, reported) => {
  // The very string we sent is the same recipient even when it has no digits: a client that sets aside
  // an invalid number ('abc') before sending reports it as given, and refusing that would throw away the
  // IDs of the numbers the gateway did accept (a re-send would then deliver them twice).
  if (reported === sent) return true;
  const a = recipientKey(sent);
  // Usually the very string we sent (clients return already normalized numbers as they are).
  const b = recipientKey(reported);
  if (a.length > 0 && a === b) return true;
  const national = a.replace(/^0+/, '');
  return national !== a && national.length > 0 && b.length > national.length && b.endsWith(national);
};

/**
 * Checks that a gateway answered exactly one outcome per recipient, in order. Anything else is a
 * MALFORMED_RESPONSE for the whole batch: mapping outcomes by guesswork could tell a user a message went
 * out when it did not. Delivery is 'unknown' because the gateway did answer and may have queued them.
 */
export function checkOutcomes(
  provider: Provider,
  sent: readonly string[],
  outcomes: unknown,
  sameRecipient: SameRecipient,
): RecipientOutcome[] {
  if (!Array.isArray(outcomes)) throw malformed(provider, 'the client returned no list of recipient results');
  if (outcomes.length !== sent.length) {
    throw malformed(provider, `expected ${sent.length} recipient results, got ${outcomes.length}`);
  }
  // A hole or undefined entry is a missing result like any other, so it fails the batch too.
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i] as Partial<RecipientOutcome> | null | undefined;
    const complete =
      outcome !== null &&
      typeof outcome === 'object' &&
      typeof outcome.to === 'string' &&
      (outcome.ok === true ? outcome.event !== undefined : outcome.ok === false && isGatewayError(outcome.error));
    if (!complete) throw malformed(provider, `recipient result ${i + 1} is incomplete`);
    if (!sameRecipient(sent[i], outcome.to as string)) {
      throw malformed(provider, `recipient result ${i + 1} is for ${String(outcome.to)}, but ${sent[i]} was sent in that position`);
    }
  }
  return outcomes as RecipientOutcome[];
}

function malformed(provider: Provider, problem: string): GatewayError {
  return new GatewayError({
    provider,
    code: 'MALFORMED_RESPONSE',
    providerText: problem,
    hint: 'The gateway may have accepted these messages; check their status before sending them again.',
    delivery: 'unknown',
    retryable: false,
  });
}

/** Anything a client throws becomes a GatewayError; a foreign error may have happened after sending. */
export function asGatewayError(provider: Provider, thrown: unknown): GatewayError {
  if (isGatewayError(thrown)) return thrown;
  // Only the error's class name: a foreign message could quote a URL or body holding credentials.
  const name = thrown instanceof Error ? thrown.name : typeof thrown;
  return new GatewayError({
    provider,
    code: 'INTERNAL',
    providerText: `the client failed unexpectedly (${name})`,
    hint: 'The gateway may have accepted these messages; check their status before sending them again.',
    delivery: 'unknown',
    retryable: false,
  });
}

/** Outcome for recipients whose batch was never sent because the run was cancelled. */
export function cancelledError(provider: Provider, afterError?: GatewayError): GatewayError {
  const why = afterError ? `while waiting to retry after ${afterError.code}` : 'before its request was sent';
  return new GatewayError({
    provider,
    code: 'CANCELLED',
    providerText: `bulk send cancelled ${why}`,
    hint: 'Nothing was sent to this recipient; it is safe to send again.',
    delivery: 'no',
    // Repeating cannot deliver twice: this recipient's request never reached the gateway.
    retryable: true,
    message: `Bulk send cancelled ${why}`,
  });
}
