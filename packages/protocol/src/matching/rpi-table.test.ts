import { describe, expect, it } from 'vitest';
import { RpiTable } from './rpi-table.ts';

describe('RpiTable', () => {
  it('keeps prefixes that collide in their low bits apart', () => {
    const table = new RpiTable(4);
    table.add(0x00000001, 1);
    table.add(0x10000001, 2);
    table.add(0x00000001, 3);
    table.add(0xffffffff, 4);
    expect(table.get(0x00000001)).toEqual([1, 3]);
    expect(table.get(0x10000001)).toEqual([2]);
    expect(table.get(0xffffffff)).toEqual([4]);
    expect(table.get(0x20000001)).toBeUndefined();
  });
});
