/** Posts callbacks at a server and reports how fast it took them and what it answered. */
/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets --
   a command-line benchmark, never loaded by n8n: printing, processes, files and the sandbox's demo secrets are its job. */

export interface LoadResult {
  sent: number;
  ms: number;
  perSecond: number;
  /** Answers by HTTP status ('error' for a request that got no answer). */
  statuses: Record<string, number>;
  /** The start of the first answer's body for each status other than 200: what the server said. */
  firstBodies?: Record<string, string>;
}

/**
 * `count` POSTs of `body(i)` to `url`, `concurrency` at a time, over Node's fetch (which keeps its
 * connections alive, as a provider's callback sender would).
 */
export async function postLoad(
  url: string,
  count: number,
  concurrency: number,
  body: (i: number) => string,
  contentType = 'application/x-www-form-urlencoded',
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const statuses: Record<string, number> = {};
  const firstBodies: Record<string, string> = {};
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      let key: string;
      try {
        const response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': contentType }, body: body(i) });
        const answer = await response.text();
        key = String(response.status);
        if (response.status !== 200 && firstBodies[key] === undefined) firstBodies[key] = answer.slice(0, 200);
      } catch {
        key = 'error';
      }
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const ms = performance.now() - started;
  return { sent: count, ms, perSecond: count / (ms / 1000), statuses, firstBodies };
}

/** A Clickatell HTTP (legacy) status callback, as the gateway POSTs it (callback level 3, delivered). */
export function clickatellStatusBody(i: number): string {
  return new URLSearchParams({
    api_id: '3500001',
    apiMsgId: `b3nch${String(i).padStart(27, '0')}`,
    cliMsgId: `bench-${i}`,
    to: '27820000000',
    from: '27999000001',
    timestamp: String(1_700_000_000 + i),
    status: '004',
    charge: '0.300000',
  }).toString();
}
