/**
 * One editor session in a real browser, shared by the Node-RED and n8n editor tests: the one page every test
 * of a file uses (the editors' viewport, watched by page-monitor from the start), and the tests as steps of
 * that session. The steps share the page, so after a failed step the next ones say which step broke the
 * session instead of failing on whatever dialog it left open; the failed step leaves a screenshot.
 */
import type { Browser, Page } from 'playwright-core';
import { screenshot } from './node-red/browser/editor';
import { monitorPage, type PageMonitor } from './node-red/browser/page-monitor';

/** Opens the session's page, watched for console errors, page errors, failed requests and received bodies. */
export async function openEditorPage(browser: Browser, defaultTimeoutMs: number): Promise<{ page: Page; monitor: PageMonitor }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const monitor = monitorPage(page);
  page.setDefaultTimeout(defaultTimeoutMs);
  return { page, monitor };
}

/** Declares one step (a jest `it`) of the session; `timeoutMs` overrides the file's default. */
export type Step = (name: string, fn: () => Promise<void>, timeoutMs?: number) => void;

/**
 * The step function of one test file. `page` is read when a step fails (the page is opened in beforeAll,
 * after the steps are declared); failed steps are screenshotted into `screenshots`.
 */
export function sessionSteps(page: () => Page | undefined, screenshots: string, defaultTimeoutMs: number): Step {
  let brokenBy: string | undefined;
  return (name, fn, timeoutMs = defaultTimeoutMs) => {
    it(
      name,
      async () => {
        if (brokenBy) throw new Error(`not run: the earlier step "${brokenBy}" failed and left the editor in an unknown state`);
        try {
          await fn();
        } catch (error) {
          brokenBy = name;
          const open = page();
          if (open) await screenshot(open, screenshots, `failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => undefined);
          throw error;
        }
      },
      timeoutMs,
    );
  };
}
