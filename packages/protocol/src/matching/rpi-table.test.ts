import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RpiTable } from './rpi-table.ts';

const membersOf = (table: RpiTable, prefix: number): number[] => {
  const g = table.find(prefix);
  return g < 0 ? [] : [...table.members.subarray(table.groupStart[g], table.groupStart[g + 1])];
};

describe('RpiTable', () => {
  it('keeps prefixes that collide in their low bits apart', () => {
    const table = new RpiTable(Int32Array.from([0x00000001, 0x10000001, 0x00000001, -1]));
    expect(membersOf(table, 0x00000001)).toEqual([0, 2]);
    expect(membersOf(table, 0x10000001)).toEqual([1]);
    expect(membersOf(table, -1)).toEqual([3]);
    expect(table.find(0x20000001)).toBe(-1);
    expect(table.groups).toBe(3);
  });

  it('groups every entry under its prefix, in entry order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -8, max: 8 }), { maxLength: 200 }), (raw) => {
        // Few distinct values, spread over the high bits too, so groups and collisions abound.
        const prefixes = Int32Array.from(raw, (v) => (v * 0x01000001) | 0);
        const table = new RpiTable(prefixes);
        const expected = new Map<number, number[]>();
        prefixes.forEach((p, i) => expected.set(p, [...(expected.get(p) ?? []), i]));
        expect(table.groups).toBe(expected.size);
        for (const [p, members] of expected) expect(membersOf(table, p)).toEqual(members);
        for (let g = 0; g < table.groups; g++) {
          expect(table.find(table.groupPrefix[g]!)).toBe(g);
        }
      }),
    );
  });
});
