/**
 * Where export files and index files go. The default is a directory this server serves;
 * an object store (S3, GCS) can implement the same interface later.
 */

/** Storage for published files, addressed by slash-separated names such as `440/12.zip`. */
export interface BlobStore {
  /** Writes `bytes` under `name` atomically: readers see the old content or the new, never half. */
  put(name: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Reads a blob, or null when it does not exist. */
  get(name: string): Promise<Uint8Array | null>;
  /** Removes a blob; removing a missing blob is not an error. */
  delete(name: string): Promise<void>;
  /** Names of all blobs under a prefix. */
  list(prefix: string): Promise<string[]>;
}

/** Refuses names that could escape the store's root or hide files. */
export function checkBlobName(name: string): void {
  if (
    !/^[0-9A-Za-z_-]+(\/[0-9A-Za-z_.-]+)*$/.test(name) ||
    name.split('/').some((p) => p.startsWith('.'))
  ) {
    throw new Error(
      'blob names are slash-separated letters, digits, _ - . and no part starts with a dot',
    );
  }
}
