export type { CryptoBackend } from './backend.ts';
export * from './keys.ts';
export { nobleCryptoBackend } from './noble-backend.ts';
