/**
 * An open-addressing hash table from the first four bytes of an RPI to the entries that carry
 * it, built once over a known set of entries. RPIs are uniformly random, so those bytes need no
 * further hashing. Each slot keeps the prefix and its group side by side in one typed array, so
 * a lookup that finds nothing (the fate of almost every probe) costs one cache line, and the
 * members of all groups sit in one array: no object per group, however many there are.
 */
export class RpiTable {
  /** Pairs of (prefix, group + 1); a group of 0 marks an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Members of group g are `members[groupStart[g] .. groupStart[g + 1])`, in entry order. */
  readonly members: Int32Array;
  readonly groupStart: Int32Array;
  /** The prefix every member of group g shares. */
  readonly groupPrefix: Int32Array;
  /** Number of distinct prefixes. */
  readonly groups: number;

  /** Indexes entries 0 … prefixes.length − 1 by their prefixes. */
  constructor(prefixes: Int32Array) {
    const count = prefixes.length;
    let size = 16;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;

    const groupOf = new Int32Array(count);
    const sizes = new Int32Array(count + 1);
    const groupPrefix = new Int32Array(count);
    let groups = 0;
    for (let i = 0; i < count; i++) {
      const prefix = prefixes[i]!;
      let slot = prefix & this.mask;
      for (;;) {
        const entry = this.slots[2 * slot + 1]!;
        if (entry === 0) {
          groupPrefix[groups] = prefix;
          this.slots[2 * slot] = prefix;
          this.slots[2 * slot + 1] = ++groups;
          groupOf[i] = groups - 1;
          break;
        }
        if (this.slots[2 * slot] === prefix) {
          groupOf[i] = entry - 1;
          break;
        }
        slot = (slot + 1) & this.mask;
      }
      sizes[groupOf[i]! + 1]!++;
    }
    for (let g = 0; g < groups; g++) sizes[g + 1]! += sizes[g]!;
    const cursor = sizes.slice(0, groups);
    const members = new Int32Array(count);
    for (let i = 0; i < count; i++) members[cursor[groupOf[i]!]!++] = i;

    this.members = members;
    this.groupStart = sizes.subarray(0, groups + 1);
    this.groupPrefix = groupPrefix.subarray(0, groups);
    this.groups = groups;
  }

  /** The group of entries whose RPI starts with `prefix`, or −1. */
  find(prefix: number): number {
    let slot = prefix & this.mask;
    for (;;) {
      const entry = this.slots[2 * slot + 1]!;
      if (entry === 0) return -1;
      if (this.slots[2 * slot] === (prefix | 0)) return entry - 1;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Reads the first four bytes of an RPI as a (signed) int32, the hash key of the tables. */
export function rpiPrefix(bytes: Uint8Array, offset = 0): number {
  return (
    bytes[offset]! |
    (bytes[offset + 1]! << 8) |
    (bytes[offset + 2]! << 16) |
    (bytes[offset + 3]! << 24)
  );
}
