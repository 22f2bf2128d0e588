/**
 * ClickSend's test numbers (HTTP API v2 spec, "Test SMS Numbers"; the same list in the REST v3 docs):
 * "No messages will be sent, and your account won't be charged. A success response will be returned."
 * send.php still quotes a `<price>` for them (the spec's own send example is to +61411111111 with
 * `<price>0.0282</price>`), so that price is not what the account paid.
 */
export const CLICKSEND_TEST_NUMBERS: ReadonlySet<string> = new Set([
  '61411111111',
  '61422222222',
  '61433333333',
  '61444444444',
  '14055555555',
  '14055555666',
  '447777777777',
  '447778888888',
  '8615555555555',
]);

/** Whether `number` (any formatting: +, spaces, dashes) is one of ClickSend's free test numbers. */
export function isClickSendTestNumber(number: string): boolean {
  return CLICKSEND_TEST_NUMBERS.has(number.replace(/\D/g, ''));
}
