import { GatewayError } from '../../../gateways/errors';

/** The MALFORMED_CALLBACK error `action` throws (fails the test when it returns or throws anything else). */
export function callbackError(action: () => unknown): GatewayError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('MALFORMED_CALLBACK');
    return error as GatewayError;
  }
  throw new Error('expected a MALFORMED_CALLBACK error');
}
