/** Node-only parts of the device engine: file-backed storage and key vault. */
export { fileStorage, fileKeyVault } from './file-storage.ts';
