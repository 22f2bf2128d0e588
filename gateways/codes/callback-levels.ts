/**
 * Clickatell `callback` levels 0–7: which statuses trigger a status callback.
 * Source: ../shared/specs/clickatell-http-api.md, section `callback`. The levels are a bit mask of
 * 1 = intermediate, 2 = final, 4 = error statuses.
 */
export const INTERMEDIATE_STATUSES: readonly string[] = ['003'];
export const FINAL_STATUSES: readonly string[] = ['004', '005', '007', '009', '010', '012'];
export const ERROR_STATUSES: readonly string[] = ['005', '007', '009', '010', '012'];

export interface CallbackLevel {
  level: number;
  name: string;
  description: string;
  statuses: readonly string[];
}

const NAMES = [
  'None',
  'Intermediate',
  'Final',
  'Intermediate and Final',
  'Error',
  'Intermediate and Error',
  'Final and Error',
  'Intermediate, Final and Error',
];

function statusesFor(level: number): string[] {
  const set = new Set<string>();
  if (level & 1) INTERMEDIATE_STATUSES.forEach((s) => set.add(s));
  if (level & 2) FINAL_STATUSES.forEach((s) => set.add(s));
  if (level & 4) ERROR_STATUSES.forEach((s) => set.add(s));
  return [...set].sort();
}

export const CALLBACK_LEVELS: readonly CallbackLevel[] = NAMES.map((name, level) => ({
  level,
  name,
  description: level === 0 ? 'No status callbacks' : `Callback on statuses ${statusesFor(level).join(', ')}`,
  statuses: statusesFor(level),
}));

/** Whether a status change to `statusCode` is pushed for a message sent with callback `level`. */
export function callbackWanted(level: number, statusCode: string): boolean {
  return CALLBACK_LEVELS[level]?.statuses.includes(statusCode) ?? false;
}
