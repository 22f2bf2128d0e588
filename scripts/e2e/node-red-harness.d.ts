/** Types for node-red-harness.js (plain JavaScript so that the demo can use it without a build). */
export interface NodeRedInstall {
  nodeBinary: string;
  nodeBinDir: string;
  nodeRedDir: string;
  redJs: string;
  nodeRedVersion: string;
}
export interface StartOptions {
  flows: object[];
  credentials?: Record<string, object>;
  /** Packed package to install into the userDir; without it the working tree is loaded through nodesDir. */
  tarball?: string;
  userDir?: string;
  keepUserDir?: boolean;
  port?: number;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  startTimeoutMs?: number;
  echo?: NodeJS.WritableStream;
}
export interface RunningNodeRed {
  port: number;
  url: string;
  userDir: string;
  pid: number;
  nodeRedVersion: string;
  output(): string;
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}
export function locateNodeRed(): NodeRedInstall;
export function packPackage(destination: string): string;
export function startNodeRed(options: StartOptions): Promise<RunningNodeRed>;
export function freePort(): Promise<number>;
export const ROOT: string;
