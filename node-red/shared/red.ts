/**
 * The small part of Node-RED's runtime API these nodes use, typed here: @types/node-red describes the 1.x
 * API and is not a dependency of this package. Everything is checked against Node-RED 4.1 and 5.0.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface NodeMessage {
  _msgid?: string;
  payload?: unknown;
  topic?: string;
  [key: string]: unknown;
}

export interface NodeStatus {
  fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
  shape?: 'ring' | 'dot';
  text?: string;
}

export interface NodeDef {
  id: string;
  type: string;
  name?: string;
  z?: string;
  [key: string]: unknown;
}

export type SendFn = (msg: NodeMessage | NodeMessage[] | null) => void;
export type DoneFn = (error?: Error) => void;

/** A runtime node: the object `RED.nodes.createNode` turns our constructor's `this` into. */
export interface RedNode {
  id: string;
  type: string;
  name?: string;
  z?: string;
  /** Undefined when the node has no stored credentials at all. */
  credentials: Record<string, string | undefined> | undefined;
  on(event: 'input', listener: (msg: NodeMessage, send: SendFn, done: DoneFn) => void | Promise<void>): void;
  on(event: 'close', listener: (removed: boolean, done: () => void) => void): void;
  send(msg: NodeMessage | NodeMessage[] | null): void;
  status(status: NodeStatus | Record<string, never>): void;
  log(message: string): void;
  warn(message: string): void;
  error(message: string | Error, msg?: NodeMessage): void;
  debug(message: string): void;
}

/** Express request/response as the route handlers see them (express is Node-RED's, not ours). */
export interface HttpRequest extends IncomingMessage {
  query: Record<string, unknown>;
  body?: unknown;
  params: Record<string, string>;
  path: string;
}
export interface HttpResponse extends ServerResponse {
  status(code: number): HttpResponse;
  json(body: unknown): HttpResponse;
  send(body?: unknown): HttpResponse;
  set(name: string, value: string): HttpResponse;
}
export type RouteHandler = (req: HttpRequest, res: HttpResponse, next: (error?: unknown) => void) => void;

/** An express application or router (RED.httpNode, RED.httpAdmin). */
export interface ExpressApp {
  get(path: string, ...handlers: RouteHandler[]): unknown;
  post(path: string, ...handlers: RouteHandler[]): unknown;
  _router?: { stack: RouterLayer[] };
  router?: { stack: RouterLayer[] };
}
export interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean>; stack: Array<{ handle: unknown }> };
}

export interface RED {
  nodes: {
    createNode(node: object, def: NodeDef): void;
    /**
     * `settings` are node settings the editor reads from RED.settings when `exportable` (their names must
     * start with the node type in camel case; a user's settings.js may set them too).
     */
    registerType(
      type: string,
      constructor: Function,
      options?: { credentials?: Record<string, { type: 'text' | 'password' }>; settings?: Record<string, { value: unknown; exportable: boolean }> },
    ): void;
    getNode(id: string): unknown;
    getCredentials(id: string): Record<string, string | undefined> | undefined;
  };
  util: {
    evaluateNodeProperty(value: unknown, type: string, node: RedNode, msg: NodeMessage, callback: (error: Error | null, result: unknown) => void): void;
  };
  settings: { httpNodeRoot?: string | false; httpNodeMiddleware?: unknown; [key: string]: unknown };
  httpNode: ExpressApp;
  httpAdmin: ExpressApp;
  auth: { needsPermission(permission: string): RouteHandler };
  _(key: string, substitutions?: Record<string, unknown>): string;
  log: { warn(message: string): void; info(message: string): void };
}
