/**
 * Storage seams. Records are opaque bytes under string keys (the engine encrypts them before
 * they get here); the AES-GCM key that protects them lives in a separate `KeyVault` so that a
 * copy of the data alone reveals nothing.
 */

/** A small key-value store of encrypted records. */
export interface DeviceStorage {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, value: Uint8Array): Promise<void>;
  /** Removes the given keys; missing keys are ignored. */
  delete(keys: readonly string[]): Promise<void>;
  /** Every key that starts with `prefix`, sorted. */
  keys(prefix: string): Promise<string[]>;
  /** Removes every record irrecoverably. */
  clear(): Promise<void>;
}

/** Keeps the storage encryption key apart from the data it protects. */
export interface KeyVault {
  /** The AES-GCM key, created on first use. */
  getKey(): Promise<CryptoKey>;
  /** Forgets the key, so records encrypted with it can never be read again. */
  destroy(): Promise<void>;
}

/** Thrown when storage itself fails (not when a record is unreadable: that is reported). */
export class DeviceStorageError extends Error {
  /** Stable reason, e.g. `STORAGE_UNAVAILABLE`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeviceStorageError';
    this.code = code;
  }
}
