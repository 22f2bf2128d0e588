/**
 * What a person does in the Node-RED editor, as playwright-core calls: sign in, drag a node from the
 * palette, open its edit dialog, read which form rows show, add a config node, deploy. Selectors are the
 * editor's own element ids and classes (Node-RED 5.0).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

// page.evaluate() callbacks run in the browser, where these exist (the project's lib has no DOM types).
declare const RED: any;
declare const $: any;
declare const document: any;

/** Opens the editor and signs in through its login dialog; resolves once the palette shows `paletteType`. */
export async function openEditor(page: Page, url: string, user: { username: string; password: string }, paletteType: string): Promise<void> {
  await page.goto(url);
  await page.locator('#node-dialog-login-username').fill(user.username);
  await page.locator('#node-dialog-login-password').fill(user.password);
  await page.locator('#node-dialog-login-submit').click();
  await page.locator(`.red-ui-palette-node[data-palette-type="${paletteType}"]`).waitFor({ state: 'visible', timeout: 30_000 });
  // The editor loads the flows after the palette; a node dropped before that would land on no tab.
  await page.waitForFunction(() => typeof RED !== 'undefined' && RED.workspaces.active() !== 0 && RED.nodes.workspace(RED.workspaces.active()));
}

export function paletteNode(page: Page, type: string): Locator {
  return page.locator(`.red-ui-palette-node[data-palette-type="${type}"]`);
}

/** Drags `type` from the palette onto the canvas at (x, y) and returns the new node's id. */
export async function dropNode(page: Page, type: string, x: number, y: number): Promise<string> {
  const before: string[] = await page.evaluate((t) => RED.nodes.filterNodes({ type: t }).map((n: any) => n.id), type);
  const entry = paletteNode(page, type);
  await entry.scrollIntoViewIfNeeded();
  await entry.dragTo(page.locator('#red-ui-workspace-chart'), { targetPosition: { x, y } });
  const handle = await page.waitForFunction(
    ({ t, known }) => RED.nodes.filterNodes({ type: t }).map((n: any) => n.id).find((id: string) => !known.includes(id)),
    { t: type, known: before },
  );
  return (await handle.jsonValue()) as string;
}

/** Double-clicks the node on the canvas and waits for its edit tray; `ready` is an element of its form. */
export async function openNodeEditor(page: Page, nodeId: string, ready: string): Promise<void> {
  await page.locator(`g.red-ui-flow-node-group[id="${nodeId}"] rect.red-ui-flow-node`).dblclick();
  await page.locator(ready).waitFor({ state: 'visible' });
  await waitForTrayToSettle(page);
}

/** The edit tray slides in; a screenshot or a click during the slide lands in the wrong place. */
export async function waitForTrayToSettle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const trays = document.querySelectorAll('.red-ui-tray');
    if (trays.length === 0) return false;
    const tray = trays[trays.length - 1];
    return $(tray).is(':visible') && !$(tray).is(':animated') && tray.getBoundingClientRect().right <= document.documentElement.clientWidth + 1;
  });
  await page.waitForTimeout(150); // the last CSS transition frame
}

/** Presses "Done" on the node's edit tray and waits for the tray to close. */
export async function closeNodeEditor(page: Page): Promise<void> {
  await page.locator('#node-dialog-ok').click();
  await page.locator('#node-dialog-ok').waitFor({ state: 'detached' });
}

/** Presses "Add"/"Update" on a config node's tray and waits until the node's own tray is on top again. */
export async function closeConfigEditor(page: Page): Promise<void> {
  await page.locator('#node-config-dialog-ok').click();
  await page.locator('#node-config-dialog-ok').waitFor({ state: 'detached' });
  await waitForTrayToSettle(page);
}

/** value → shown text of a <select>'s options, in order. */
export async function selectOptions(page: Page, selector: string): Promise<Array<{ value: string; label: string }>> {
  return page.locator(`${selector} option`).evaluateAll((options: any[]) => options.map((o) => ({ value: o.value, label: o.textContent.trim() })));
}

/** Which of `rows` (CSS classes of form rows; one class may mark several rows) are visible right now. */
export async function visibleRows(page: Page, classPrefix: string, rows: readonly string[]): Promise<string[]> {
  const shown: string[] = [];
  for (const row of rows) {
    const elements = page.locator(`.${classPrefix}${row}`);
    const count = await elements.count();
    const visible = await elements.evaluateAll((els: any[]) => els.filter((el) => el.offsetParent !== null).length);
    if (visible > 0 && visible !== count) throw new Error(`only ${visible} of the ${count} .${classPrefix}${row} rows are visible`);
    if (visible > 0) shown.push(row);
  }
  return shown;
}

/** Waits until `selector`'s text matches `pattern` (e.g. a test result replacing "testing...") and returns it. */
export async function waitForText(page: Page, selector: string, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  await page.waitForFunction(
    ({ s, source, flags }) => new RegExp(source, flags).test($(s).text()),
    { s: selector, source: pattern.source, flags: pattern.flags },
    { timeout: timeoutMs },
  );
  return (await page.locator(selector).textContent())?.trim() ?? '';
}

/** Clicks Deploy and returns the text of the notification that follows (success or error). */
export async function deploy(page: Page): Promise<{ kind: 'success' | 'error' | 'other'; text: string }> {
  await page.locator('#red-ui-header-button-deploy').click();
  const notification = page.locator('.red-ui-notification').last();
  await notification.waitFor({ state: 'visible', timeout: 15_000 });
  const classes = (await notification.getAttribute('class')) ?? '';
  const kind = /red-ui-notification-success/.test(classes) ? 'success' : /red-ui-notification-error/.test(classes) ? 'error' : 'other';
  // After a deploy the editor stays shaded and busy for a moment (at least 300 ms) before it takes input again.
  if (kind !== 'other') await page.locator('#red-ui-header-button-deploy .red-ui-deploy-button-spinner').waitFor({ state: 'hidden' });
  return { kind, text: ((await notification.textContent()) ?? '').replace(/\s+/g, ' ').trim() };
}

/** Saves a screenshot of the whole editor as `<dir>/<name>.png` and returns its path. */
export async function screenshot(page: Page, dir: string, name: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Whether the editor marks the node as configured (no red triangle on the canvas), and which properties it flags. */
export function nodeValidity(page: Page, id: string): Promise<{ valid: boolean; errors: string[] }> {
  return page.evaluate((nodeId) => {
    const n = RED.nodes.node(nodeId);
    return { valid: n.valid, errors: n.validationErrors ?? [] };
  }, id);
}
