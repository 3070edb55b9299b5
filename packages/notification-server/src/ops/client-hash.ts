/**
 * Rate limiting needs a per-client key but must never store an IP address. The limiter keys
 * on an HMAC of the address with a secret that lives only in memory and is replaced every
 * period, so even a memory dump cannot link yesterday's counters to an address.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** Hashes client addresses with a rotating in-memory secret. */
export class RotatingClientHasher {
  private secret = randomBytes(32);
  private rotatedAt: number;

  constructor(
    private readonly rotateMs: number,
    private readonly now: () => number,
  ) {
    this.rotatedAt = now();
  }

  /** An opaque, fixed-length key for `address`, stable until the next rotation. */
  hash(address: string): string {
    if (this.now() - this.rotatedAt >= this.rotateMs) {
      this.secret = randomBytes(32);
      this.rotatedAt = this.now();
    }
    return createHmac('sha256', this.secret).update(address).digest('base64url').slice(0, 22);
  }
}
