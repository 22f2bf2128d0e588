/**
 * What the gateway modules' fast-check properties share: running a parser or builder where anything but a
 * GatewayError is a bug, the properties every response parser has, the send parsers' one-outcome-per-
 * recipient invariant, and the option generator for send builders.
 */
import fc from 'fast-check';
import { GatewayError } from '../../gateways/errors';
import type { RecipientOutcome } from '../../gateways/gateway';
import type { HttpResponse } from '../../gateways/transport';

/** Runs `run`: its result, or the GatewayError it threw; anything else thrown fails the property. */
export function settle<T>(run: () => T): T | GatewayError {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return error;
  }
}

/** Runs `run`; anything thrown must be a GatewayError. Returns whether it succeeded. */
export function succeeds(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return false;
  }
}

/**
 * The send parsers' invariant: `parse` throws a GatewayError, or gives one outcome per requested recipient,
 * in order, each a hex message id or a GatewayError. Returns whether it parsed, so that a test can check
 * its generators reached a parsed answer at all.
 */
export function oneOutcomePerRecipient(parse: () => RecipientOutcome[], recipients: readonly string[]): boolean {
  const outcomes = settle(parse);
  if (outcomes instanceof GatewayError) return false;
  expect(outcomes.map((outcome) => outcome.to)).toEqual(recipients);
  for (const outcome of outcomes) {
    if (outcome.ok) expect(outcome.event.messageId).toMatch(/^[0-9a-f]+$/);
    else expect(outcome.error).toBeInstanceOf(GatewayError);
  }
  return true;
}

/** A send option that is mostly absent, sometimes valid, sometimes arbitrary (weights 6 : 2 : 1). */
export const maybe = <T,>(valid: fc.Arbitrary<T>, wild: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: valid }, { weight: 1, arbitrary: wild });

export const anyStatus = fc.integer({ min: 100, max: 599 });
export const anyHeaders = fc.dictionary(fc.constantFrom('retry-after', 'content-type'), fc.string());

/**
 * Registers, in the calling describe, the two properties every response parser has: whatever the status,
 * headers and body (from `anyBody`), it gives its result or a GatewayError and nothing else; and at a status
 * outside `okStatuses` it never succeeds, not even on a valid body.
 */
export function itParsesOnlyWhatItShould(parse: (response: HttpResponse) => unknown, okStatuses: readonly number[], validBody: string, anyBody: fc.Arbitrary<string>): void {
  it('throws nothing but GatewayError on arbitrary input', () => {
    fc.assert(
      fc.property(anyStatus, anyHeaders, anyBody, (status, headers, body) => {
        succeeds(() => parse({ status, headers, body }));
      }),
      { numRuns: 500 },
    );
  });

  it('never succeeds at a status outside the success set', () => {
    fc.assert(
      fc.property(
        anyStatus.filter((status) => !okStatuses.includes(status)),
        fc.oneof(anyBody, fc.constant(validBody)),
        (status, body) => !succeeds(() => parse({ status, headers: {}, body })),
      ),
    );
  });
}
