import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallbackDispatcher } from './callbacks';
import { resolveOptions, type SandboxOptions } from './config';
import type { SandboxCore } from './core';
import { FaultRegistry } from './faults';
import { Lifecycle } from './lifecycle';
import { Scheduler } from './scheduler';
import { createRequestHandler } from './server';
import { SandboxState } from './state';

/**
 * A local gateway that speaks the Clickatell HTTP, Clickatell REST and ClickSend HTTP v2 APIs, with
 * sessions, balances, a status lifecycle, callbacks, inbound injection, inspection and fault injection.
 * See sandbox/README.md.
 */

export interface SandboxUrls {
  /** Base URL of the Clickatell HTTP API (append the command: `${clickatellHttp}sendmsg`). */
  clickatellHttp: string;
  /** Base URL of the Clickatell REST API (`${clickatellRest}message`). */
  clickatellRest: string;
  /** Base URL of ClickSend HTTP v2 (`${clicksend}send.php`). */
  clicksend: string;
  /** Base URL of ClickSend REST v3 (`${clicksendV3}sms/send`); a client takes the sandbox root as its base URL. */
  clicksendV3: string;
  /** Base URL of Clickatell's Portal APIs, the credential's base URL (`${clickatellPortal}/messages`, `${clickatellPortal}/v1/message`). */
  clickatellPortal: string;
  /** The sandbox's inspection and control API. */
  inspect: string;
}

export interface Sandbox {
  /** http://host:port, no trailing slash: the base URL to give a client for any of the three APIs. */
  url: string;
  port: number;
  host: string;
  urls: SandboxUrls;
  /** Everything the sandbox remembers, for in-process inspection (what /sandbox/ shows over HTTP). */
  state: SandboxState;
  /** Add or remove faults in process (what /sandbox/faults does over HTTP). */
  faults: FaultRegistry;
  /** Forget messages, sessions and callbacks; accounts, balances and faults as configured. */
  reset(): void;
  /** Stop listening, drop open connections and pending callbacks. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveOptions(options);
  const state = new SandboxState(resolved);
  const scheduler = new Scheduler((error) => {
    state.stats.internalErrors++;
    resolved.log?.(`internal error in a scheduled job: ${error instanceof Error ? error.message : String(error)}`);
  });
  const callbacks = new CallbackDispatcher(state, scheduler, {
    timeFactor: resolved.timeFactor,
    timeoutMs: resolved.callbackTimeoutMs,
    defaultSecret: resolved.callbackSecret,
  });
  const lifecycle = new Lifecycle(state, scheduler, callbacks);
  const faults = new FaultRegistry();
  for (const fault of resolved.faults) faults.add(fault);
  const core: SandboxCore = { state, lifecycle, callbacks, scheduler, faults };

  let baseUrl = '';
  const server = http.createServer(createRequestHandler({ core, options: resolved, baseUrl: () => baseUrl, initialFaults: resolved.faults }));
  // Clients keep connections open between requests (both Clickatell specs recommend keep-alive).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  let closing: Promise<void> | null = null;
  return {
    url: baseUrl,
    port: address.port,
    host: resolved.host,
    urls: {
      clickatellHttp: `${baseUrl}/http/`,
      clickatellRest: `${baseUrl}/rest/`,
      clicksend: `${baseUrl}/http/v2/`,
      clicksendV3: `${baseUrl}/v3/`,
      clickatellPortal: baseUrl,
      inspect: `${baseUrl}/sandbox/`,
    },
    state,
    faults,
    reset() {
      scheduler.clear();
      state.reset();
      faults.clear();
      for (const fault of resolved.faults) faults.add(fault);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        scheduler.stop();
        callbacks.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

export { DEMO_ACCOUNTS, DEMO_CREDENTIALS, type AccountConfig, type AccountPatch, type CallbackAuth, type CallbackFormat, type SandboxOptions } from './config';
export { BEHAVIOUR_CODES, CLICKSEND_TEST_NUMBERS, classifyNumber } from './test-numbers';
export { STATUS_RETRY_MINUTES, INBOUND_RETRY_MINUTES, CALLBACK_BASIC_USER, type CallbackRecord, type CallbackKind } from './callbacks';
export { FAULT_KINDS, parseFaultArgument, type FaultSpec, type Fault, type FaultKind, type FaultRegistry } from './faults';
export type { SandboxState } from './state';
export type { SandboxMessage } from './message-store';
export type { MessageView } from './inspect';
