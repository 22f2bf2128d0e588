/**
 * The callback abuse suite against a real n8n 2.41 (scripts/e2e/ensure-n8n.sh installs it on first use):
 * active Clickatell Trigger workflows behind n8n's own webhook server.
 * Needs `npm run build` first (the package is packed from dist/).
 */
import { abuseSuite } from './suite';
import { startN8nTarget } from './n8n-target';

abuseSuite('callbacks under attack in a real n8n 2.41', startN8nTarget, { n8n: true, startTimeoutMs: 12 * 60_000 });
