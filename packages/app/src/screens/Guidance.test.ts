import { describe, expect, it } from 'vitest';
import { nextGuidanceStep, type GuidanceStep } from './Guidance.tsx';

describe('guidance decision tree', () => {
  it.each([
    { path: [true], end: 'clinic-symptoms' },
    { path: [false, true], end: 'clinic-close' },
    { path: [false, false], end: 'watch' },
  ] as { path: boolean[]; end: GuidanceStep }[])('answers $path end at $end', ({ path, end }) => {
    let step: GuidanceStep = 'symptoms';
    for (const answer of path) step = nextGuidanceStep(step, answer);
    expect(step).toBe(end);
  });
});
