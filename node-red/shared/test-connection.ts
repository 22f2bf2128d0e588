import { isGatewayError } from '../../gateways/errors';
import type { HttpRequest, HttpResponse, RED } from './red';

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

/** The answer the editor shows: never a secret, only the outcome and the provider's code and text. */
export interface ConnectionReport {
  ok: boolean;
  message: string;
  code?: string;
}

/**
 * POST <httpAdminRoot>/<type>/:id/test, allowed to users with the `<type>.write` permission (the permission
 * scheme core nodes use, e.g. inject.write). `check` makes one harmless authenticated request with the form
 * values and the saved credentials and returns a one-line result ("Connected: 12.5 credits").
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
    const saved = RED.nodes.getCredentials(req.params.id);
    check(form, saved).then(
      (message) => res.json({ ok: true, message } satisfies ConnectionReport),
      (error: unknown) => {
        const report: ConnectionReport = isGatewayError(error)
          ? { ok: false, code: error.code, message: error.hint ? `${error.message}. ${error.hint}` : error.message }
          : { ok: false, message: 'Unexpected error while testing the connection' };
        res.json(report);
      },
    );
  });
}
