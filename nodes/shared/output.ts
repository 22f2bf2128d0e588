import type { IDataObject } from 'n8n-workflow';

import type { BalanceResult, CoverageResult, SmsEvent } from '../../gateways/events';

/**
 * Output items follow the gateways event model: the normalized fields first, in a fixed order so every
 * operation and provider reads the same in n8n's table view, and the provider's own fields under `raw`.
 */
export function eventJson(event: SmsEvent): IDataObject {
	const json: IDataObject = {
		type: event.type,
		provider: event.provider,
		messageId: event.messageId,
		clientReference: event.clientReference,
		to: event.to,
		from: event.from,
		text: event.text,
		state: event.state,
		final: event.final,
		error: event.error,
		providerCode: event.providerCode,
		providerDescription: event.providerDescription,
		charge: event.charge,
		timestamp: event.timestamp,
	};
	if (event.encoding !== undefined) json.encoding = event.encoding;
	if (event.parts !== undefined) json.parts = event.parts;
	if (event.inReplyTo !== undefined) json.inReplyTo = event.inReplyTo;
	json.raw = event.raw as IDataObject;
	return json;
}

export function balanceJson(result: BalanceResult): IDataObject {
	return { provider: result.provider, balance: result.balance, currency: result.currency, raw: result.raw as IDataObject };
}

export function coverageJson(result: CoverageResult): IDataObject {
	return {
		provider: result.provider,
		destination: result.destination,
		routable: result.routable,
		minimumCharge: result.minimumCharge,
		raw: result.raw as IDataObject,
	};
}
