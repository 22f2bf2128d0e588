export * from './fields';
export * from './body';
export * from './verify';
export * from './clickatell';
export * from './clicksend';
export * from './clickatell-portal';
export * from './normalize';
