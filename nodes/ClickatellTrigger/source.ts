import { invalidInput } from '../../gateways/errors';
import type { CallbackSource } from '../triggers-common/handle-callback';

const APIS = ['clickatell-http', 'clickatell-rest', 'clickatell-platform', 'clickatell-one'] as const;

/**
 * The node's API choice says which provider the events name and, for the Portal APIs, which callback
 * shapes to read (the One API's envelope may carry several events). Both legacy APIs can be set to call
 * back by GET, form POST or JSON, so gateways/callbacks reads every form for either.
 */
export function clickatellSource(api: string): CallbackSource {
	const provider = APIS.find((candidate) => candidate === api);
	if (provider === undefined) throw invalidInput('api', `must be one of ${APIS.join(', ')}, got '${api}'`);
	return { provider, label: 'Clickatell' };
}
