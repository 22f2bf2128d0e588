/**
 * Numbers with special behaviour. All other numbers are delivered: queued (002) -> delivered to gateway
 * (003) -> received by recipient (004).
 *
 * - Clickatell's documented test ranges 279991xxxx and 1999xxxxxx (exactly ten digits, as the REST spec
 *   writes them) are delivered and charged 1/3 of a credit per part. The spec's coverage example
 *   27999123456 has eleven digits, so it is an ordinary number (minimum charge 0.8), as in the example.
 * - ClickSend's documented test numbers answer Success, are not charged and never get a delivery report.
 * - The sandbox's own behaviour numbers: `999` + a three-digit code + any four digits (ten digits, e.g.
 *   9990090000 or +9990090000). Country code 999 is reserved by the ITU, so no real number collides.
 */
import { CLICKSEND_TEST_NUMBERS } from '../gateways/clicksend/test-numbers';

export type Outcome =
  /** 002 -> 003 -> 004 */
  | { kind: 'deliver' }
  /** 002 -> 003 -> code (the network could not deliver it to the handset) */
  | { kind: 'fail-after-gateway'; code: string }
  /** 002 -> code (it never reached a network) */
  | { kind: 'fail-before-gateway'; code: string }
  /** Stays queued (002) until its validity period ends: 010 Message expired, no charge. */
  | { kind: 'expire' }
  /** Refused at submission with this Clickatell error code. */
  | { kind: 'reject'; code: string };

export interface NumberBehaviour {
  outcome: Outcome;
  /** Clickatell test range: 1/3 credit per part. */
  clickatellTest: boolean;
  /** ClickSend test number: Success, no charge, no delivery report. */
  clicksendTest: boolean;
  /** Short name shown by the inspection API. */
  label: string;
}

/** The behaviour numbers, by their three-digit code. Documented in sandbox/README.md. */
export const BEHAVIOUR_CODES: Readonly<Record<string, { outcome: Outcome; description: string }>> = {
  '002': { outcome: { kind: 'expire' }, description: 'stays queued (002) until the validity period ends, then 010 Message expired (refunded)' },
  '005': { outcome: { kind: 'fail-before-gateway', code: '005' }, description: 'fails with 005 Error with message' },
  '007': { outcome: { kind: 'fail-after-gateway', code: '007' }, description: 'reaches the gateway (003), then 007 Error delivering message' },
  '009': { outcome: { kind: 'fail-before-gateway', code: '009' }, description: 'fails with 009 Routing error' },
  '114': { outcome: { kind: 'reject', code: '114' }, description: 'refused: 114 Cannot route message (coverage: not routable)' },
  '121': { outcome: { kind: 'reject', code: '121' }, description: 'refused: 121 Destination mobile number blocked (REST 410)' },
  '122': { outcome: { kind: 'reject', code: '122' }, description: 'refused: 122 Destination mobile opted out (REST 410)' },
  '128': { outcome: { kind: 'reject', code: '128' }, description: 'refused: 128 Number delisted (REST 410)' },
  '250': { outcome: { kind: 'reject', code: '250' }, description: 'REST only: refused with 250 DNC list (410) unless bypassDNCCheck=1' },
};

/** ClickSend's documented test numbers: one list, in gateways/ (the nodes read it to report a charge of 0). */
export { CLICKSEND_TEST_NUMBERS };

const CLICKATELL_TEST_RANGE = /^(?:279991\d{4}|1999\d{6})$/;
const BEHAVIOUR_NUMBER = /^999(\d{3})\d{4}$/;

const DELIVER: Outcome = { kind: 'deliver' };
const cache = new Map<string, NumberBehaviour>();

function classifyUncached(digits: string): NumberBehaviour {
  const special = BEHAVIOUR_NUMBER.exec(digits);
  const behaviour = special ? BEHAVIOUR_CODES[special[1]] : undefined;
  if (behaviour) return { outcome: behaviour.outcome, clickatellTest: false, clicksendTest: false, label: `sandbox-${special![1]}` };
  if (CLICKATELL_TEST_RANGE.test(digits)) return { outcome: DELIVER, clickatellTest: true, clicksendTest: false, label: 'clickatell-test' };
  if (CLICKSEND_TEST_NUMBERS.has(digits)) return { outcome: DELIVER, clickatellTest: false, clicksendTest: true, label: 'clicksend-test' };
  return { outcome: DELIVER, clickatellTest: false, clicksendTest: false, label: 'normal' };
}

const ORDINARY: NumberBehaviour = { outcome: DELIVER, clickatellTest: false, clicksendTest: false, label: 'normal' };

/** Behaviour of a number given as digits only (no '+'). */
export function classifyNumber(digits: string): NumberBehaviour {
  // Only the special ranges are cached, so a million distinct ordinary numbers cannot grow the cache.
  if (!digits.startsWith('999') && !digits.startsWith('279991') && !digits.startsWith('1999') && !CLICKSEND_TEST_NUMBERS.has(digits)) {
    return ORDINARY;
  }
  let found = cache.get(digits);
  if (!found) {
    found = classifyUncached(digits);
    if (cache.size > 10_000) cache.clear();
    cache.set(digits, found);
  }
  return found;
}
