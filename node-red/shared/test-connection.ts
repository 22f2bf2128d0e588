import { isGatewayError } from '../../gateways/errors';
import type { HttpRequest, HttpResponse, NodeDef, RED } from './red';

/** What the editor posts: the config dialog's current values (a password field may hold the placeholder). */
export type ConnectionForm = Record<string, unknown>;

/** The editor shows this placeholder in a password field whose saved value it was not sent. */
const SAVED_PASSWORD_PLACEHOLDER = '__PWRD__';

/**
 * The value to use for a credential: what the user typed in the dialog, or, when the field still shows the
 * placeholder (or is empty), the saved credential of the deployed config node. The saved value never leaves
 * the runtime: it is only used to make the test request.
 */
export function credentialValue(form: ConnectionForm, saved: Record<string, string | undefined> | undefined, name: string): string | undefined {
  const typed = form[name];
  if (typeof typed === 'string' && typed !== '' && typed !== SAVED_PASSWORD_PLACEHOLDER) return typed;
  return saved?.[name];
}

/**
 * The base URL a deployed config node was saved with ('' for the provider's default), or undefined when
 * no deployed node has this id. Read from the deployed flow (RED.nodes.eachNode), never from the request.
 */
export function deployedBaseUrl(RED: RED, id: string): string | undefined {
  const nodes = RED.nodes as RED['nodes'] & { eachNode?(visit: (def: NodeDef) => void): void };
  let found: string | undefined;
  nodes.eachNode?.((def) => {
    if (def.id === id) found = typeof def.baseUrl === 'string' ? def.baseUrl : '';
  });
  return found;
}

/** One spelling per base URL: no surrounding blanks or trailing slashes, scheme and host in lower case. */
function canonicalBaseUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  try {
    const parsed = new URL(trimmed);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
  } catch {
    return trimmed;
  }
}

export function sameBaseUrl(a: string, b: string): boolean {
  return canonicalBaseUrl(a) === canonicalBaseUrl(b);
}

/**
 * The saved credentials a test may use: only those of a deployed node, and only when the test goes to
 * the base URL that node was saved with. Otherwise anyone allowed to press "Test" could send the saved
 * password, token or key to a host of their choosing; a test against another URL needs them typed again.
 */
export function savedCredentialsFor(
  RED: RED,
  id: string,
  form: ConnectionForm,
): { saved: Record<string, string | undefined> | undefined; withheld: boolean } {
  const stored = RED.nodes.getCredentials(id);
  if (!stored) return { saved: undefined, withheld: false };
  const deployed = deployedBaseUrl(RED, id);
  const requested = formBaseUrl(form) ?? '';
  if (deployed !== undefined && sameBaseUrl(deployed, requested)) return { saved: stored, withheld: false };
  return { saved: undefined, withheld: true };
}

/** The base URL the dialog holds (undefined when the form has none: the provider's default). */
export function formBaseUrl(form: ConnectionForm): string | undefined {
  return typeof form.baseUrl === 'string' ? form.baseUrl : undefined;
}

/** The one line a successful test shows, from a balance call: "Connected: balance 12.5 USD". */
export function balanceReport(balance: { balance: number; currency: string | null }): string {
  return `Connected: balance ${balance.balance}${balance.currency ? ` ${balance.currency}` : ''}`;
}

/** The answer the editor shows: never a secret, only the outcome and the provider's code and text. */
export interface ConnectionReport {
  ok: boolean;
  message: string;
  code?: string;
}

/**
 * POST <httpAdminRoot>/<type>/:id/test, allowed to users with the `<type>.write` permission (the permission
 * scheme core nodes use, e.g. inject.write). `check` makes one harmless authenticated request with the form
 * values and the saved credentials (see savedCredentialsFor: only towards the saved base URL) and returns
 * a one-line result ("Connected: 12.5 credits").
 */
export function registerTestConnection(
  RED: RED,
  type: string,
  check: (form: ConnectionForm, saved: Record<string, string | undefined> | undefined) => Promise<string>,
): void {
  if (!RED.httpAdmin || typeof RED.httpAdmin.post !== 'function') return;
  RED.httpAdmin.post(`/${type}/:id/test`, RED.auth.needsPermission(`${type}.write`), (req: HttpRequest, res: HttpResponse) => {
    const form = (req.body && typeof req.body === 'object' ? req.body : {}) as ConnectionForm;
    // Saved credentials exist only for a deployed node; a new node has to be tested with typed values.
    const { saved, withheld } = savedCredentialsFor(RED, req.params.id, form);
    check(form, saved).then(
      (message) => res.json({ ok: true, message } satisfies ConnectionReport),
      (error: unknown) => {
        const report: ConnectionReport = isGatewayError(error)
          ? { ok: false, code: error.code, message: error.hint ? `${error.message}. ${error.hint}` : error.message }
          : { ok: false, message: 'Unexpected error while testing the connection' };
        if (withheld && isGatewayError(error) && error.code === 'INVALID_INPUT' && error.field?.startsWith('credentials.')) {
          report.message += '. Saved credentials are only used with the base URL they were saved with: type them again to test another URL.';
        }
        res.json(report);
      },
    );
  });
}
