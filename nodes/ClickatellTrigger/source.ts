import { invalidInput } from '../../gateways/errors';
import type { CallbackSource } from '../triggers-common/handle-callback';

/**
 * The node's API choice only says which provider the events name: both Clickatell APIs can be set to
 * call back by GET, form POST or JSON, so gateways/callbacks reads every form for either.
 */
export function clickatellSource(api: string): CallbackSource {
	if (api !== 'clickatell-http' && api !== 'clickatell-rest') {
		throw invalidInput('api', `must be 'clickatell-http' or 'clickatell-rest', got '${api}'`);
	}
	return { provider: api, label: 'Clickatell' };
}
