export * from './model.ts';
export * from './errors.ts';
export * from './processing-number.ts';
export * from './verification.ts';
