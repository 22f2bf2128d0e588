import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { invalidInput } from '../../gateways/errors';
import { normalizeNumber, type NumberStyle } from '../../gateways/text/numbers';
import type { HttpResponse } from '../../gateways/transport';
import { errorItemJson, toNodeError } from './errors';
import { toHttpResponse } from './N8nTransport';

/** What a parser turns one response into: one output item, or one per record (history, replies ...). */
export type ResponseReader = (this: IExecuteSingleFunctions, response: HttpResponse) => IDataObject | IDataObject[];

/**
 * A routing postReceive that hands the raw response (status, headers, text body) to a gateways parser.
 * The parser throws GatewayError for the provider's errors (`ERR: 301, No credit left`, ClickSend's
 * `<result>2022</result>`, a REST 401 body), which becomes a NodeApiError with the provider's code and
 * text; with Continue On Fail, n8n's routing turns that into an error item and goes on.
 */
export function readResponseWith(reader: ResponseReader) {
	return async function (
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		let result: IDataObject | IDataObject[];
		try {
			result = reader.call(this, toHttpResponse(response));
		} catch (error) {
			// Continue On Fail: n8n's routing would turn the thrown error into an item holding only its
			// message, so the item is made here, with the fields Send's error items carry (providerCode,
			// providerText, hint, retryable, ...): a workflow can branch on the code without parsing text.
			if (typeof this.continueOnFail === 'function' && this.continueOnFail()) {
				return [{ json: errorItemJson(error), pairedItem: { item: itemIndex } }];
			}
			throw toNodeError(this.getNode(), error, itemIndex);
		}
		return (Array.isArray(result) ? result : [result]).map((json) => ({ json, pairedItem: { item: itemIndex } }));
	};
}

/** A message ID parameter, checked before it goes into a form field or a URL path. */
export function messageIdParameter(context: IExecuteSingleFunctions, name = 'messageId'): string {
	const value = context.getNodeParameter(name, '');
	const id = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	try {
		if (id === '') throw invalidInput(name, 'is required', 'Use the message ID returned when the message was sent.');
		// It may become a URL path segment (REST): only a plain token is safe there.
		if (!/^[A-Za-z0-9_-]+$/.test(id)) throw invalidInput(name, `'${id}' must contain only letters, digits, - and _`);
	} catch (error) {
		throw toNodeError(context.getNode(), error, context.getItemIndex());
	}
	return id;
}

/** A phone number parameter in the form the API wants ('digits' for Clickatell, 'plus' for ClickSend). */
export function numberParameter(context: IExecuteSingleFunctions, name: string, style: NumberStyle): string {
	const value = context.getNodeParameter(name, '');
	try {
		return normalizeNumber(typeof value === 'number' ? String(value) : (value as string), style, name);
	} catch (error) {
		throw toNodeError(context.getNode(), error, context.getItemIndex());
	}
}
