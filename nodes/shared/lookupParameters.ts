import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from '../../gateways/errors';
import { normalizeNumber, type NumberStyle } from '../../gateways/text/numbers';

/** A parameter's value as text, trimmed ('' when it is missing or not text or a number). */
function textOf(value: unknown): string {
	return typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
}

/**
 * A message ID, checked before it goes into a form field or a URL path (REST): only a plain token is
 * safe there. Throws invalidInput naming the parameter (`field`), as every lookup input error does.
 */
export function checkedMessageId(value: unknown, field: string): string {
	const id = textOf(value);
	if (id === '') throw invalidInput(field, 'is required', 'Use the message ID returned when the message was sent.');
	if (!/^[A-Za-z0-9_-]+$/.test(id)) throw invalidInput(field, `'${id}' must contain only letters, digits, - and _`);
	return id;
}

/** The item's Message ID parameter, checked. */
export function messageIdParameter(context: IExecuteFunctions, itemIndex: number, name = 'messageId'): string {
	return checkedMessageId(context.getNodeParameter(name, itemIndex, ''), name);
}

/** The item's phone number parameter in the form the API wants ('digits' for Clickatell, 'plus' for ClickSend). */
export function numberParameter(context: IExecuteFunctions, itemIndex: number, name: string, style: NumberStyle): string {
	const value = context.getNodeParameter(name, itemIndex, '');
	return normalizeNumber(typeof value === 'number' ? String(value) : (value as string), style, name);
}

/** The item's collection of optional filters (ClickSend's pulls), {} when none is set. */
export function filtersParameter(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const value = context.getNodeParameter('filters', itemIndex, {});
	return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** A filter's text, undefined when it is not set (the API then returns every record). */
export function filterText(filters: Record<string, unknown>, name: string): string | undefined {
	const text = textOf(filters[name]);
	return text === '' ? undefined : text;
}
