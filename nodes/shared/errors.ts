import { NodeApiError, NodeOperationError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import { GatewayError, isGatewayError } from '../../gateways/errors';

/**
 * The fields of a GatewayError that a workflow can act on, for error items (Continue On Fail) and for
 * NodeApiError's details. Built only from the error's own fields, which never hold secrets.
 * `providerCode` rather than `code`: NodeApiError would read a `code` key as an HTTP status.
 */
export function gatewayErrorDetails(error: GatewayError): IDataObject {
	const details: IDataObject = {
		provider: error.provider,
		providerCode: error.code,
		providerText: error.providerText ?? null,
		hint: error.hint ?? null,
		retryable: error.retryable,
		delivery: error.delivery,
		// The field to branch on: true means safe to send again (see GatewayError.certainlyNotSent).
		certainlyNotSent: error.certainlyNotSent,
	};
	if (error.httpStatus !== undefined) details.httpStatus = error.httpStatus;
	if (error.field !== undefined) details.field = error.field;
	if (error.recipient !== undefined) details.recipient = error.recipient;
	return details;
}

/**
 * n8n's error for anything a gateways call threw: input validation becomes a NodeOperationError naming
 * the field, a provider answer a NodeApiError with the provider's code and text, and n8n's own errors
 * pass through. Anything else is reported by class name only (its message could quote a request).
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (isGatewayError(error)) {
		// Both kinds carry the same fields as error items in `context`, so an Error Trigger workflow (or
		// n8n's own error item) can read providerCode, hint and retryable without parsing the message.
		const details = gatewayErrorDetails(error);
		const nodeError =
			error.provider === 'local'
				? new NodeOperationError(node, error.message, { itemIndex, description: error.hint })
				: new NodeApiError(node, details as JsonObject, {
						message: error.message,
						description: error.hint,
						httpCode: error.httpStatus !== undefined ? String(error.httpStatus) : undefined,
						itemIndex,
					});
		Object.assign(nodeError.context, details);
		return nodeError;
	}
	const name = error instanceof Error ? error.name : typeof error;
	return new NodeOperationError(node, `Unexpected ${name} while talking to the SMS gateway`, { itemIndex });
}

/** The json of an error item: `error` (the message, as n8n's own error items have it) and the details. */
export function errorItemJson(error: unknown): IDataObject {
	if (isGatewayError(error)) return { error: error.message, ...gatewayErrorDetails(error) };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		return { error: error.message, description: error.description ?? null };
	}
	const name = error instanceof Error ? error.name : typeof error;
	return { error: `Unexpected ${name} while talking to the SMS gateway` };
}
