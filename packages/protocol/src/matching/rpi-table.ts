/**
 * An open-addressing hash table from the first four bytes of an RPI to the readings that carry
 * it. RPIs are uniformly random, so those bytes need no further hashing; typed arrays keep a
 * lookup to a few memory reads, which matters because every derived RPI is looked up.
 */
export class RpiTable {
  private readonly prefixes: Uint32Array;
  /** Index into `groups` + 1; 0 marks an empty slot. */
  private readonly slots: Int32Array;
  private readonly groups: number[][] = [];
  private readonly mask: number;

  /** Sizes the table for `capacity` distinct prefixes at most a quarter full. */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 4) size *= 2;
    this.prefixes = new Uint32Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Records that reading `value` carries an RPI starting with `prefix`. */
  add(prefix: number, value: number): void {
    let slot = prefix & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) {
        this.groups.push([value]);
        this.slots[slot] = this.groups.length;
        this.prefixes[slot] = prefix;
        return;
      }
      if (this.prefixes[slot] === prefix) {
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
      const entry = this.slots[slot]!;
      if (entry === 0) return undefined;
      if (this.prefixes[slot] === prefix) return this.groups[entry - 1];
      slot = (slot + 1) & this.mask;
    }
  }
}
