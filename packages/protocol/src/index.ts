export * from './model.ts';
export * from './errors.ts';
export * from './processing-number.ts';
export * from './verification.ts';
export * from './time.ts';
export * from './metadata.ts';
export * from './crypto/index.ts';
export * from './payload.ts';
