import { invalidInput } from '../../gateways/errors';
import type { CallbackSource } from '../triggers-common/handle-callback';

const LEGACY_APIS = ['clickatell-http', 'clickatell-rest'] as const;

/**
 * The node's API choice says which provider the events name. A Portal integration's callback URLs receive
 * both the One API's envelope and the Platform SMS API's flat callbacks; gateways/callbacks reads each by
 * its shape (normalizePortalCallback) and names the event's provider, so either Portal provider serves.
 * Both legacy APIs can be set to call back by GET, form POST or JSON, so gateways/callbacks reads every
 * form for either.
 */
export function clickatellSource(api: string): CallbackSource {
	if (api === 'clickatell-portal') return { provider: 'clickatell-one', label: 'Clickatell' };
	const provider = LEGACY_APIS.find((candidate) => candidate === api);
	if (provider === undefined) throw invalidInput('api', `must be one of clickatell-portal, ${LEGACY_APIS.join(', ')}, got '${api}'`);
	return { provider, label: 'Clickatell' };
}
