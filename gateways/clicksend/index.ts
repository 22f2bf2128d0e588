/** ClickSend HTTP API v2: request builders, XML reader, response parsers and the client. */
export * from './requests';
export * from './xml';
export * from './parser';
export * from './client';
export * from './test-numbers';
export * from './pairing';
