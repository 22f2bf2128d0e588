import { invalidInput } from '../../gateways/errors';
import type { Provider } from '../../gateways/provider';
import type { CallbackSource } from '../triggers-common/handle-callback';

const LEGACY_APIS = ['clickatell-http', 'clickatell-rest'] as const;

/**
 * One Portal integration's callback URLs receive both shapes: the One API's envelope
 * (`{"integrationId", "integrationName", "event": {"messageStatusUpdate" | "moText": [...]}}`, S14-S16 of
 * ../shared/specs/clickatell-platform-api.md) for messages sent through /v1, and the Platform SMS API's
 * flat callbacks for messages sent through /messages. Each callback is read by its own shape.
 */
export function portalProviderOf(params: Record<string, unknown>): Provider {
	const event = params.event;
	return event !== null && typeof event === 'object' && !Array.isArray(event) ? 'clickatell-one' : 'clickatell-platform';
}

/**
 * The node's API choice says which provider the events name (the Portal's, per callback). Both legacy
 * APIs can be set to call back by GET, form POST or JSON, so gateways/callbacks reads every form for either.
 */
export function clickatellSource(api: string): CallbackSource {
	if (api === 'clickatell-portal') return { provider: 'clickatell-one', providerOf: portalProviderOf, label: 'Clickatell' };
	const provider = LEGACY_APIS.find((candidate) => candidate === api);
	if (provider === undefined) throw invalidInput('api', `must be one of clickatell-portal, ${LEGACY_APIS.join(', ')}, got '${api}'`);
	return { provider, label: 'Clickatell' };
}
