/** Types for node-red-tap.js. */
export interface TappedMessage {
  /** The debug node's name (or id when it has none). */
  debug: string;
  id: string;
  topic?: string;
  payload?: any;
  error?: any;
  smsError?: any;
  bulk?: any;
  failed?: any;
}
export interface Collector {
  url: string;
  messages: TappedMessage[];
  waitFor(predicate: (messages: TappedMessage[]) => boolean, timeoutMs?: number, what?: string): Promise<TappedMessage[]>;
  close(): Promise<void>;
}
export function tapDebugNodes(flows: object[], collectorUrl: string): object[];
export function startCollector(onMessage?: (message: TappedMessage) => void): Promise<Collector>;
