import type { MessageState } from '../events';

/**
 * Clickatell Platform SMS API status names: the `status` of a Platform status callback. Only two names are
 * confirmed by public material: DELIVERED_TO_GATEWAY and RECEIVED_BY_RECIPIENT (a Clickatell platform Node
 * sample's README listing the callback fields for both, and public clients that compare the status query's
 * `status` with RECEIVED_BY_RECIPIENT: S19/S20 of ../shared/specs/clickatell-platform-api.md). Their
 * numeric `statusCode`s and the rest of the list are not published (digest §8 items 3–4), so no other
 * name is guessed: an unknown name becomes state 'unknown' with the name kept as the provider code, and
 * the numeric `statusCode` is never read as a state.
 */
export interface PlatformStatusInfo {
  name: string;
  description: string;
  state: MessageState;
  final: boolean;
  error: boolean;
}

const ROWS: readonly PlatformStatusInfo[] = [
  { name: 'DELIVERED_TO_GATEWAY', description: 'Delivered to the upstream gateway or network', state: 'sent', final: false, error: false },
  { name: 'RECEIVED_BY_RECIPIENT', description: 'Received by the recipient', state: 'delivered', final: true, error: false },
];

export const CLICKATELL_PLATFORM_STATUS: ReadonlyMap<string, PlatformStatusInfo> = new Map(ROWS.map((row) => [row.name, row]));

/** A Platform status by name; an unknown name is kept as state 'unknown'. Null when there is no name. */
export function clickatellPlatformStatus(name: unknown): PlatformStatusInfo | null {
  const label = typeof name === 'string' ? name.trim().toUpperCase() : '';
  if (label === '') return null;
  return CLICKATELL_PLATFORM_STATUS.get(label) ?? { name: label, description: 'Status not among the published Platform status names', state: 'unknown', final: false, error: false };
}
