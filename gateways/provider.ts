/** The three gateway APIs this package speaks. */
export type Provider = 'clickatell-http' | 'clickatell-rest' | 'clicksend';

export const PROVIDER_LABELS: Readonly<Record<Provider, string>> = {
  'clickatell-http': 'Clickatell HTTP API',
  'clickatell-rest': 'Clickatell REST API',
  clicksend: 'ClickSend',
};
