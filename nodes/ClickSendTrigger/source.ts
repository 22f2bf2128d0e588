import { invalidInput } from '../../gateways/errors';
import type { CallbackSource } from '../triggers-common/handle-callback';

/** ClickSend reply and delivery-report pushes (classified and normalized in gateways/callbacks). */
export const clickSendSource: CallbackSource = { provider: 'clicksend', label: 'ClickSend' };

/** REST v3's automation-rule pushes (post, get and json forms). */
export const clickSendV3Source: CallbackSource = { provider: 'clicksend-v3', label: 'ClickSend' };

/** The source for the trigger's API choice (version 3; earlier versions listen for HTTP v2 pushes). */
export function clickSendSourceFor(api: string): CallbackSource {
	if (api === 'clicksend') return clickSendSource;
	if (api === 'clicksend-v3') return clickSendV3Source;
	throw invalidInput('api', `must be 'clicksend' or 'clicksend-v3', got '${api}'`);
}
