export * from './model.ts';
export * from './errors.ts';
