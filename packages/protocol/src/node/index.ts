export * from './shared-data.ts';
export { nodeCryptoBackend } from './crypto-backend.ts';
export * from './export-signing.ts';
