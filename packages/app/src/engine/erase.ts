/**
 * Last-resort erase of the engine's browser databases, used when the engine itself cannot
 * start because its storage is unreadable, and after "delete all data" as a belt and braces.
 */

import { profiled, type WindowProfile } from '../profile.ts';

/** Names of the IndexedDB databases the engine uses (records, and the key kept apart). */
export const ENGINE_DATABASES = ['cocoa-device', 'cocoa-device-key'] as const;

/** Deletes the engine's databases of a profile; resolves even when one did not exist. */
export async function eraseBrowserStorage(profile: WindowProfile): Promise<void> {
  await Promise.all(
    ENGINE_DATABASES.map(
      (base) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(profiled(base, profile));
          request.onsuccess = () => resolve();
          request.onerror = () => resolve();
          // Another window holding the database open blocks deletion until it closes.
          request.onblocked = () => resolve();
        }),
    ),
  );
}
