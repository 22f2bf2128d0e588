/**
 * Where the browser tests keep what they saw: test-artifacts/screenshots/<suite>/ at the repository root
 * (gitignored), emptied when a suite starts, so a CI job can upload the folder and a person can look at the
 * editors as the last run left them.
 */
import fs from 'node:fs';
import path from 'node:path';

export const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', 'test-artifacts');

/** A fresh, empty screenshot folder for one suite. */
export function freshScreenshotDir(suite: string): string {
  const dir = path.join(ARTIFACTS_DIR, 'screenshots', suite);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
