/**
 * Watches one editor page for the whole run: every console error, uncaught page error and failed request,
 * and the body of every XHR/fetch answer the page received (to check that no secret ever reaches it).
 */
import type { Page, Request, Response } from 'playwright-core';

export interface PageProblem {
  kind: 'console.error' | 'pageerror' | 'requestfailed' | 'http-error';
  text: string;
  /** Script or request URL, where the browser knows it. */
  url?: string;
}

export interface ReceivedBody {
  method: string;
  url: string;
  status: number;
  body: string;
}

export interface PageMonitor {
  problems: PageProblem[];
  /** Every XHR/fetch answer so far, bodies read in full. */
  received(): Promise<ReceivedBody[]>;
}

export function monitorPage(page: Page): PageMonitor {
  const problems: PageProblem[] = [];
  const bodies: Array<Promise<ReceivedBody | null>> = [];

  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    problems.push({ kind: 'console.error', text: message.text(), url: message.location().url || undefined });
  });
  page.on('pageerror', (error) => {
    problems.push({ kind: 'pageerror', text: `${error.name}: ${error.message}\n${error.stack ?? ''}`.trim() });
  });
  page.on('requestfailed', (request: Request) => {
    problems.push({ kind: 'requestfailed', text: request.failure()?.errorText ?? 'failed', url: request.url() });
  });
  page.on('response', (response: Response) => {
    const request = response.request();
    // An HTTP error the editor did not ask for is a problem even when nothing logs it (a missing icon, say).
    if (response.status() >= 400) problems.push({ kind: 'http-error', text: `${request.method()} ${response.status()}`, url: response.url() });
    if (!['xhr', 'fetch'].includes(request.resourceType())) return;
    bodies.push(
      response.text().then(
        (body) => ({ method: request.method(), url: response.url(), status: response.status(), body }),
        () => null, // a redirect or a closed page has no body to read
      ),
    );
  });

  return {
    problems,
    async received() {
      return (await Promise.all(bodies)).filter((entry): entry is ReceivedBody => entry !== null);
    },
  };
}

export function describeProblems(problems: PageProblem[]): string {
  return problems.map((p) => `- ${p.kind}: ${p.text}${p.url ? ` (${p.url})` : ''}`).join('\n');
}
