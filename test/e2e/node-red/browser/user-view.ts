/**
 * More of what a person does and sees in the Node-RED editor, as playwright-core calls: the help sidebar,
 * the palette filter, Import (clipboard and Examples), a flow's environment variables, inject buttons and
 * the debug sidebar. Selectors are the editor's own element ids and classes (Node-RED 5.0).
 */
import type { Page } from 'playwright-core';
import { waitForTrayToSettle } from './editor';

// page.evaluate() callbacks run in the browser, where these exist (the project's lib has no DOM types).
declare const RED: any;
declare const document: any;

/** One entry of a rendered `: name (type) : description` property list. */
export interface RenderedProperty {
  name: string;
  type: string;
  description: string;
}

/** Shows `type`'s help in the help sidebar, as the palette's help button does, and reads what it renders. */
export async function renderedHelp(page: Page, type: string): Promise<{ properties: RenderedProperty[]; paragraphs: string[] }> {
  await page.evaluate((t) => RED.sidebar.help.show(t), type);
  await page.waitForFunction((t) => {
    const heading = document.querySelector('.red-ui-sidebar-help-stack .red-ui-help h1');
    return heading !== null && RED.nodes.getType(t) !== undefined;
  }, type);
  return page.evaluate(() => {
    const help = document.querySelector('.red-ui-sidebar-help-stack .red-ui-help .red-ui-help');
    const properties = [...help.querySelectorAll('dl.message-properties dt')].map((dt: any) => {
      const typeSpan = dt.querySelector('.property-type');
      const dd = dt.nextElementSibling;
      return {
        name: [...dt.childNodes].filter((n: any) => n !== typeSpan).map((n: any) => n.textContent).join('').trim(),
        type: typeSpan ? typeSpan.textContent.trim() : '',
        description: dd && dd.tagName === 'DD' ? dd.textContent.replace(/\s+/g, ' ').trim() : '',
      };
    });
    const paragraphs = [...help.querySelectorAll('p, li')].map((p: any) => p.textContent.trim());
    return { properties, paragraphs };
  });
}

/** Types `text` into the palette's filter box and returns the types of the palette entries left visible. */
export async function filterPalette(page: Page, text: string): Promise<string[]> {
  const box = page.locator('#red-ui-palette-search input');
  await box.fill(text);
  await box.press('End'); // the search box filters on key events
  await page.waitForTimeout(300); // the palette filters after a short debounce
  return page.locator('#red-ui-palette-container .red-ui-palette-node:visible').evaluateAll((nodes: any[]) =>
    nodes.map((n) => n.getAttribute('data-palette-type')),
  );
}

/** Imports flow JSON through Import → Clipboard and places the nodes with a click at (x, y) on the canvas. */
export async function importFromClipboard(page: Page, nodes: object[], x = 700, y = 600): Promise<void> {
  await page.keyboard.press('Control+i');
  const text = page.locator('#red-ui-clipboard-dialog-import-text');
  await text.waitFor({ state: 'visible' });
  await text.fill(JSON.stringify(nodes));
  await text.press('End'); // the dialog checks the JSON on key events before it enables Import
  await page.locator('#red-ui-clipboard-dialog-ok').click();
  await page.locator('#red-ui-clipboard-dialog-ok').waitFor({ state: 'hidden' }); // the dialog is hidden, kept for the next import
  await page.mouse.click(x, y); // imported nodes follow the mouse until they are dropped
  await page.waitForFunction(() => RED.view.state() === 0);
}

/** Import → Examples: the example files the editor lists for `module`, by name. */
export async function listExamples(page: Page, module: string): Promise<string[]> {
  await page.keyboard.press('Control+i');
  await page.locator('#red-ui-tab-red-ui-clipboard-dialog-import-tab-examples').click();
  const tab = page.locator('#red-ui-clipboard-dialog-import-tab-examples');
  await tab.locator('.red-ui-treeList-label', { hasText: module }).first().click();
  await tab.locator('.red-ui-treeList-label .fa-file-o').first().waitFor({ state: 'visible' });
  // The files under the module's entry of the tree (its own <li> holds its children's list).
  return tab.locator('.red-ui-treeList-label-text', { hasText: module }).evaluate((label: any, name: string) => {
    const item = label.closest('li');
    if (label.textContent.trim() !== name) throw new Error(`the examples tree names ${label.textContent} instead of ${name}`);
    return [...item.querySelectorAll('.red-ui-treeList-label')]
      .filter((l: any) => l.querySelector('.fa-file-o'))
      .map((l: any) => l.querySelector('.red-ui-treeList-label-text').textContent.trim());
  }, module);
}

/** With Import → Examples open (listExamples), imports one example; returns the ids of the tabs it added. */
export async function importExample(page: Page, name: string): Promise<string[]> {
  const before: string[] = await page.evaluate(() => RED.nodes.getWorkspaceOrder());
  await page.locator('#red-ui-clipboard-dialog-import-tab-examples .red-ui-treeList-label', { hasText: name }).click();
  await page.locator('#red-ui-clipboard-dialog-ok').click();
  await page.locator('#red-ui-clipboard-dialog-ok').waitFor({ state: 'hidden' }); // the dialog is hidden, kept for the next import
  const after: string[] = await page.evaluate(() => RED.nodes.getWorkspaceOrder());
  return after.filter((id) => !before.includes(id));
}

/** Opens a flow's tab, then its edit tray (double-click) on the Environment Variables pane, and sets `name`. */
export async function setFlowVariable(page: Page, tabId: string, name: string, value: string): Promise<void> {
  await page.locator(`#red-ui-tab-${tabId}`).click();
  await page.locator(`#red-ui-tab-${tabId}`).dblclick();
  await page.locator('#red-ui-tab-editor-tab-envProperties-link-button').click();
  const row = page.locator('.red-ui-tray .red-ui-editableList-item-content').filter({
    has: page.locator(`.node-input-env-name`),
  });
  const count = await row.count();
  for (let i = 0; i < count; i++) {
    if ((await row.nth(i).locator('.node-input-env-name').inputValue()) === name) {
      await row.nth(i).locator('.red-ui-typedInput-input').fill(value);
      await waitForTrayToSettle(page);
      return;
    }
  }
  throw new Error(`the flow ${tabId} has no environment variable ${name}`);
}

/** Clicks the button of an inject node on the canvas. */
export async function pressInject(page: Page, nodeId: string): Promise<void> {
  await page.locator(`g.red-ui-flow-node-group[id="${nodeId}"] .red-ui-flow-node-button`).click();
}

/**
 * Waits for a message from the debug node named `debugName` in the debug sidebar, expands it, and returns
 * its top-level properties as shown there ({ charge: '0', type: '"message.sent"', ... }).
 */
export async function debugOutput(page: Page, debugName: string): Promise<Record<string, string>> {
  const message = page.locator('.red-ui-debug-msg').filter({ hasText: `node: ${debugName}` }).last();
  await message.waitFor({ state: 'visible', timeout: 15_000 });
  await message.locator('.red-ui-debug-msg-element').first().click();
  // Expanded, the properties show one per line (the one-line preview hides).
  await message.locator('.red-ui-debug-msg-object-key:visible').nth(2).waitFor({ state: 'visible' });
  await message.locator('.red-ui-debug-msg-object-key:visible').last().scrollIntoViewIfNeeded(); // for the screenshot
  const lines: string[] = (await message.innerText()).split('\n');
  const shown: Record<string, string> = {};
  for (const line of lines) {
    const match = /^([A-Za-z_$][\w$]*): (.*)$/.exec(line.trim());
    if (match && !(match[1] in shown)) shown[match[1]] = match[2];
  }
  return shown;
}

/**
 * The state of the open node dialog: the value of every form field (`node-input-*`) and which fields the
 * editor flags as invalid (red).
 */
export async function dialogState(page: Page): Promise<{ fields: Record<string, string | boolean>; flagged: string[] }> {
  return page.evaluate(() => {
    const tray = [...document.querySelectorAll('.red-ui-tray')].pop();
    const fields: Record<string, string | boolean> = {};
    for (const el of tray.querySelectorAll('[id^="node-input-"]')) {
      if (!['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) continue;
      fields[el.id] = el.type === 'checkbox' ? el.checked : el.value;
    }
    const flagged = [...tray.querySelectorAll('.input-error')]
      .filter((el: any) => el.offsetParent !== null)
      .map((el: any) => el.id || el.querySelector('input[id]')?.id || el.parentElement.querySelector('input[id]')?.id || el.className);
    return { fields, flagged: flagged.sort() };
  });
}

/** Selects the node on the canvas and deletes it with the Delete key. */
export async function deleteNode(page: Page, nodeId: string): Promise<void> {
  await page.locator(`g.red-ui-flow-node-group[id="${nodeId}"] rect.red-ui-flow-node`).click();
  await page.keyboard.press('Delete');
  await page.waitForFunction((id) => !RED.nodes.node(id), nodeId);
}
