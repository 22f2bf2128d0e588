/** Clickatell Portal APIs (Platform SMS API, One API): request builders, response parsers, clients. */
export * from './requests';
export * from './parser';
export * from './client';
export * from './operations';
