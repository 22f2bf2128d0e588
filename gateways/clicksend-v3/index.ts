/** ClickSend REST API v3: request builders, envelope and response parsers, automation rules and the client. */
export * from './requests';
export * from './envelope';
export * from './parser';
export * from './rules';
export * from './client';
