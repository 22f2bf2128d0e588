import { clickSendDelivery } from '../../../gateways/codes/clicksend-delivery';

describe('clickSendDelivery', () => {
  it.each([
    ['Delivered', '201', 'delivered', true, false],
    ['delivered', undefined, 'delivered', true, false],
    ['Undelivered', '301', 'failed', true, true],
    ['UNDELIVERED', 301, 'failed', true, true],
    ['Undelivered', '300', 'failed', false, true], // temporary: ClickSend retries
    ['Undelivered', '200', 'failed', false, true], // temporary code: may still change
    [undefined, '200', 'sent', false, false],
    [undefined, '0201', 'delivered', true, false],
    ['', '301', 'failed', true, true],
    ['Sent', '200', 'sent', false, false],
    ['Queued', '200', 'queued', false, false],
    ['Scheduled', '200', 'scheduled', false, false],
    ['WaitApproval', '200', 'queued', false, false],
    ['Cancelled', '301', 'cancelled', true, false],
    ['Failed', '301', 'failed', true, true],
    ['Expired', undefined, 'expired', true, true],
    ['Weird', '777', 'unknown', false, false],
    [undefined, undefined, 'unknown', false, false],
  ])('status %j code %j -> %s final=%s error=%s', (status, code, state, final, error) => {
    expect(clickSendDelivery(status, code)).toMatchObject({ state, final, error });
  });

  it('lets the text win over a contradicting code', () => {
    expect(clickSendDelivery('Delivered', '301').state).toBe('delivered');
  });

  it('describes undocumented values without guessing', () => {
    expect(clickSendDelivery('Weird', '777').description).toBe("Undocumented status 'Weird', status code 777");
    expect(clickSendDelivery(undefined, undefined).description).toBe('No delivery status given');
  });
});
