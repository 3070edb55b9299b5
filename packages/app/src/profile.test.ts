import { describe, expect, it } from 'vitest';
import { profiled, readProfile } from './profile.ts';

describe('readProfile', () => {
  it.each([
    { search: '', name: '', distanceM: null },
    { search: '?profile=b&distance=3', name: 'b', distanceM: 3 },
    { search: '?profile=B', name: 'b', distanceM: null },
    { search: '?profile=../../x&distance=-1', name: '', distanceM: null },
    { search: '?distance=abc', name: '', distanceM: null },
  ])('$search', ({ search, name, distanceM }) => {
    expect(readProfile(search)).toEqual({ name, distanceM });
  });

  it('keeps default names for the default profile', () => {
    expect(profiled('cocoa-device', { name: '', distanceM: null })).toBe('cocoa-device');
    expect(profiled('cocoa-device', { name: 'b', distanceM: null })).toBe('cocoa-device-b');
  });
});
