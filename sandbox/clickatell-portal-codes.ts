import { clickatellOneError } from '../gateways/codes/clickatell-one-errors';
import { CLICKATELL_ONE_STATUS, type OneStatusInfo } from '../gateways/codes/clickatell-one-status';

/**
 * The sandbox's one lifecycle speaks the legacy Clickatell codes (lifecycle.ts, test-numbers.ts); the
 * Portal APIs report them in their own vocabularies. These tables translate, in one place.
 */

/**
 * A legacy error code of the shared send rules (clickatell-core.ts) as the One API error code for the same
 * refusal (One API errors table, gateways/codes/clickatell-one-errors.ts). The Platform SMS API's own
 * codes are not published, so the sandbox's Platform answers carry these same numbers (an emulator choice,
 * documented in sandbox/README.md).
 */
const ONE_ERROR_FOR_LEGACY: Readonly<Record<string, number>> = {
  '101': 23, // invalid or missing parameter
  '105': 25, // invalid destination -> invalid recipient address
  '106': 45, // invalid sender
  '123': 45, // sender not approved -> FROM number is not related to integration
  '113': 100, // too many parts
  '114': 27, // cannot route -> recipient not available on channel
  '121': 27, // number blocked
  '122': 26, // opted out
  '128': 27, // number delisted
  '130': 43, // daily limit -> rate limit
  '301': 20, // no credit -> insufficient account balance
  '901': 18,
};

export function oneErrorFor(legacyCode: string): number {
  return ONE_ERROR_FOR_LEGACY[legacyCode] ?? 18;
}

/** The One API table's text for a code (18 "Internal error" for anything unknown). */
export function oneErrorText(code: number): string {
  return clickatellOneError(code)?.description ?? 'Internal error';
}

/** The One API status for a legacy lifecycle status code (One API message status table). */
const ONE_STATUS_FOR_LEGACY: Readonly<Record<string, number>> = {
  '001': 1,
  '002': 2,
  '008': 2,
  '011': 3,
  '003': 4,
  '004': 5,
  '005': 23,
  '006': 21,
  '007': 23,
  '009': 100,
  '010': 20,
  '012': 25,
  '014': 26,
};

export function oneStatusFor(legacyCode: string): OneStatusInfo {
  return CLICKATELL_ONE_STATUS.get(ONE_STATUS_FOR_LEGACY[legacyCode] ?? 1)!;
}

/**
 * The Platform SMS status name of a legacy status, for the two names public material confirms
 * (gateways/codes/clickatell-platform-status.ts); null for every other status, which the sandbox then
 * does not push as a Platform callback rather than invent a name. The numeric statusCode beside the name
 * is the legacy number (3, 4): the real values are not published, and the normalizer does not read them.
 */
export function platformStatusFor(legacyCode: string): { name: string; statusCode: number; description: string } | null {
  if (legacyCode === '003') return { name: 'DELIVERED_TO_GATEWAY', statusCode: 3, description: 'Delivered to the upstream gateway or network' };
  if (legacyCode === '004') return { name: 'RECEIVED_BY_RECIPIENT', statusCode: 4, description: 'Received by the recipient' };
  return null;
}
