/**
 * The callback abuse suite against a real Node-RED 5 (Node 24; scripts/e2e/ensure-node-red.sh installs it):
 * the in nodes are wired to two nodes each, so every event is cloned as in real flows.
 * Needs `npm run build` first (the package is packed from dist/).
 */
import { abuseSuite } from './suite';
import { startNodeRedTarget } from './node-red-target';

abuseSuite('callbacks under attack in a real Node-RED 5', startNodeRedTarget, { n8n: false, startTimeoutMs: 3 * 60_000 });
