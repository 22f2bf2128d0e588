export * from './encoding';
export * from './segments';
export * from './ucs2';
export * from './numbers';
export * from './windows-1252';
