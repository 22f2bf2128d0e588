/**
 * Debian's Chromium, headless, driven by playwright-core. Playwright's own browser download cannot be used
 * here (see scripts/e2e/ensure-chromium.sh), so the test points playwright-core at /usr/bin/chromium.
 * Both missing pieces fail with the command that provides them: the browser tests never skip.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, BrowserType } from 'playwright-core';

const ENSURE_CHROMIUM = path.resolve(__dirname, '..', '..', '..', '..', 'scripts', 'e2e', 'ensure-chromium.sh');

/**
 * The flags this machine's Chromium needs as root in a closed network: no sandbox (root), no GPU, and none
 * of the background connections (update checks, sync, QUIC probes) that would otherwise be refused by the
 * network at every start. Playwright adds --headless and a fresh temporary --user-data-dir of its own,
 * removed again on close.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** /usr/bin/chromium (or $GATEWAYKIT_CHROMIUM), or an error that says how to install it. */
export function locateChromium(): string {
  const result = spawnSync('bash', [ENSURE_CHROMIUM, '--check'], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`Chromium is missing for the browser end-to-end test of the Node-RED editor.\n${result.stderr.trim()}`);
  }
  return result.stdout.trim();
}

/** playwright-core's Chromium launcher, or an error that names the devDependency to install. */
export function playwrightChromium(): BrowserType {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('playwright-core') as typeof import('playwright-core')).chromium;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      'playwright-core is not installed: it is a devDependency of the package (npm ci installs it). ' +
        'It only drives the system Chromium; it downloads no browser.',
    );
  }
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = locateChromium();
  return playwrightChromium().launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
}
