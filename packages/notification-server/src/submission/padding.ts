/**
 * Response padding: every submission answer, success or failure, real or decoy, is the same
 * number of bytes, so its size tells an observer nothing (protocol.md §8).
 */
import { randomBytes } from 'node:crypto';

/** Serialises `body` with a random `padding` field so the JSON is exactly `size` bytes. */
export function paddedJson(body: Record<string, unknown>, size: number): string {
  const bare = JSON.stringify({ ...body, padding: '' });
  const missing = size - Buffer.byteLength(bare);
  // A body that is already too big keeps growing to the next multiple, never shrinks.
  const target = missing >= 0 ? missing : size - (Buffer.byteLength(bare) % size);
  const padding = randomBytes(Math.ceil((target * 3) / 4) + 3)
    .toString('base64')
    .slice(0, target);
  return JSON.stringify({ ...body, padding });
}
