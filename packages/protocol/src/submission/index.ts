export * from './body.ts';
export * from './errors.ts';
export * from './key-data.ts';
export * from './key-rules.ts';
export * from './onset.ts';
export * from './parse.ts';
export * from './transmission-risk.ts';
export * from './validate.ts';
