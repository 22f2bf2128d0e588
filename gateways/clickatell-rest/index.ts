/** Clickatell REST API: request builders, response parsers and the client. */
export * from './requests';
export * from './http-status';
export * from './parser';
export * from './client';
