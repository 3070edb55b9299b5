/**
 * An open-addressing hash table from the first four bytes of an RPI to the readings that carry
 * it. RPIs are uniformly random, so those bytes need no further hashing. Each slot keeps the
 * prefix and its group side by side in one typed array, so a lookup that finds nothing (the
 * fate of almost every derived RPI) costs one cache line.
 */
export class RpiTable {
  /** Pairs of (prefix, group index + 1); a group index of 0 marks an empty slot. */
  private readonly slots: Int32Array;
  private readonly groups: number[][] = [];
  private readonly mask: number;

  /** Sizes the table for `capacity` distinct prefixes at most half full. */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
  }

  /** Records that reading `value` carries an RPI starting with `prefix`. */
  add(prefix: number, value: number): void {
    let slot = prefix & this.mask;
    for (;;) {
      const entry = this.slots[2 * slot + 1]!;
      if (entry === 0) {
        this.groups.push([value]);
        this.slots[2 * slot] = prefix | 0;
        this.slots[2 * slot + 1] = this.groups.length;
        return;
      }
      if (this.slots[2 * slot] === (prefix | 0)) {
        this.groups[entry - 1]!.push(value);
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** Readings whose RPI starts with `prefix`, or undefined. */
  get(prefix: number): readonly number[] | undefined {
    let slot = prefix & this.mask;
    for (;;) {
      const entry = this.slots[2 * slot + 1]!;
      if (entry === 0) return undefined;
      if (this.slots[2 * slot] === (prefix | 0)) return this.groups[entry - 1];
      slot = (slot + 1) & this.mask;
    }
  }
}
