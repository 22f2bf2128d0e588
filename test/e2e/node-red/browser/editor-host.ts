/**
 * What the Node-RED editor tests run against: a real Node-RED 5 (scripts/e2e/node-red-harness.js) with our
 * packed package installed in a fresh userDir, the editor at /admin/ behind an admin login, and Chromium
 * with the session's page (editor-session.ts) signed in and the palette showing our nodes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { locateNodeRed, packPackage, startNodeRed, type RunningNodeRed } from '../../../../scripts/e2e/node-red-harness';
import { openEditorPage } from '../../editor-session';
import { launchChromium } from './chromium';
import { openEditor } from './editor';
import type { PageMonitor } from './page-monitor';

// page.evaluate() callbacks run in the editor page, where RED is a global.
declare const RED: any;

export interface EditorHost {
  nodeRed: RunningNodeRed;
  browser: Browser;
  page: Page;
  monitor: PageMonitor;
  /** The npm package the nodes come from, as the editor knows it (icons are served under its name). */
  moduleName: string;
  /** Closes the browser, stops Node-RED and removes its folder. */
  stop(): Promise<void>;
}

export interface EditorHostOptions {
  /** Prefix of the temporary folder (the packed package and the userDir). */
  tmpPrefix: string;
  admin: { username: string; password: string };
  flows: object[];
  /** More settings.js entries (httpNodeRoot ...); the admin root, login and editor theme are set here. */
  settings?: Record<string, unknown>;
}

/** Fails with the install command when Node-RED 5 or Chromium is missing. */
export async function startEditorHost(options: EditorHostOptions): Promise<EditorHost> {
  const install = locateNodeRed();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bcrypt = require(path.join(install.nodeRedDir, 'node_modules', 'bcryptjs'));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), options.tmpPrefix));
  let browser: Browser | undefined;
  let nodeRed: RunningNodeRed | undefined;
  const stop = async () => {
    await browser?.close();
    await nodeRed?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  try {
    browser = await launchChromium();
    nodeRed = await startNodeRed({
      tarball: packPackage(path.join(workDir, 'pack')),
      userDir: path.join(workDir, 'userDir'),
      flows: options.flows,
      settings: {
        httpAdminRoot: '/admin',
        ...options.settings,
        adminAuth: { type: 'credentials', users: [{ username: options.admin.username, password: bcrypt.hashSync(options.admin.password, 8), permissions: '*' }] },
        editorTheme: { tours: false, projects: { enabled: false } },
      },
    });
    const { page, monitor } = await openEditorPage(browser, 10_000);
    await openEditor(page, `${nodeRed.url}/admin/`, options.admin, 'clickatell');
    const moduleName: string = await page.evaluate(() => RED.nodes.registry.getNodeSetForType('clickatell').module);
    return { nodeRed, browser, page, monitor, moduleName, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
