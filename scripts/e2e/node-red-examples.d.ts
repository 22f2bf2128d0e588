/** Types for node-red-examples.js. */
export interface ExampleFlows {
  flows: Array<Record<string, any>>;
  credentials: Record<string, Record<string, string>>;
  tabs: Array<{ id: string; label: string; file: string }>;
}
export function buildExampleFlows(options: { sandboxUrl?: string; fire?: Record<string, number>; files?: string[] }): ExampleFlows;
export function exampleFiles(): string[];
export function inNodePaths(flows: object[]): Record<string, string>;
export const EXAMPLES_DIR: string;
