import { invalidInput } from './errors';

/**
 * A provider's message id as a URL path segment (`/rest/message/{id}`, `/v1/message/{id}`): trimmed,
 * required, and only letters, digits, '-' and '_', so that an id can never change the URL it goes into.
 */
export function messageIdSegment(value: unknown, field = 'messageId'): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput(field, 'is required', 'Use the apiMessageId returned when the message was sent.');
  const id = value.trim();
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw invalidInput(field, 'must contain only letters, digits, - and _');
  return id;
}
