export { FakeTransport, json, rejected, thrown } from '../clickatell-rest/helpers';

/** A Portal integration API key (shape of the keys the Portal issues: base64-like, 24 characters). */
export const API_KEY = 'gpTbeS2qT0Gf7o0w9IneTA==';
export const CREDENTIALS = { apiKey: API_KEY };
export const NOW = new Date('2025-03-10T08:00:00Z');
