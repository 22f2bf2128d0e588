/**
 * The gateway APIs this package speaks. Two generations per provider: Clickatell's Developers' Central
 * APIs (legacy HTTP, REST with a Bearer token) and its Portal APIs (Platform SMS API and One API, both
 * with an integration's API key); ClickSend's HTTP API v2 and its REST API v3 (same username and key).
 */
export type Provider = 'clickatell-http' | 'clickatell-rest' | 'clickatell-platform' | 'clickatell-one' | 'clicksend' | 'clicksend-v3';

export const PROVIDER_LABELS: Readonly<Record<Provider, string>> = {
  'clickatell-http': 'Clickatell HTTP API',
  'clickatell-rest': 'Clickatell REST API',
  'clickatell-platform': 'Clickatell Platform SMS API',
  'clickatell-one': 'Clickatell One API',
  clicksend: 'ClickSend',
  'clicksend-v3': 'ClickSend REST API v3',
};
