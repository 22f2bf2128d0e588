import {
	classifyClickatellCallback,
	normalizeClickatellInbound,
	normalizeClickatellStatusCallback,
	type ClickatellProvider,
} from '../../gateways/callbacks';
import { invalidInput } from '../../gateways/errors';
import type { CallbackReader } from '../triggers-common/handle-callback';

/**
 * Clickatell callbacks through the gateways normalizers. The API choice only says which provider the
 * events name: both APIs can be set to call back by GET, form POST or JSON, so every form is read.
 */
export function clickatellReader(api: string): CallbackReader {
	if (api !== 'clickatell-http' && api !== 'clickatell-rest') {
		throw invalidInput('api', `must be 'clickatell-http' or 'clickatell-rest', got '${api}'`);
	}
	const provider: ClickatellProvider = api;
	return {
		label: 'Clickatell',
		classify: classifyClickatellCallback,
		normalize: (kind, params, options) =>
			kind === 'status'
				? normalizeClickatellStatusCallback(params, provider, options)
				: normalizeClickatellInbound(params, { ...options, provider }),
	};
}
