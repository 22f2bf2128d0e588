/** Types for example-stack.js. */
import type { RunningNodeRed } from '../e2e/node-red-harness';
import type { Collector, TappedMessage } from '../e2e/node-red-tap';

export interface SandboxHandle {
  url: string;
  port: number;
  state: any;
  faults: any;
  close(): Promise<void>;
}
export interface ExampleStack {
  sandbox: SandboxHandle;
  nodeRed: RunningNodeRed;
  collector: Collector;
  tabs: Array<{ id: string; label: string; file: string }>;
  credentials: Record<string, Record<string, string>>;
  tarball: string;
  stop(): Promise<void>;
}
export interface StackOptions {
  sandbox?: Record<string, unknown>;
  runningSandbox?: SandboxHandle;
  nodeRedPort?: number;
  nodeRedSettings?: Record<string, unknown>;
  fire?: Record<string, number>;
  echo?: NodeJS.WritableStream;
  onMessage?: (message: TappedMessage) => void;
  workDir?: string;
}
export function startExampleStack(options?: StackOptions): Promise<ExampleStack>;
export function injectInbound(sandboxUrl: string, body: Record<string, unknown>): Promise<Record<string, any>>;
export const FIRE: Record<string, number>;
export const CALLBACK_PATHS: Record<string, { statusCallbackUrl: string; inboundUrl: string }>;
