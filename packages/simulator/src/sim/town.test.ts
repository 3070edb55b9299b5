import { describe, expect, it } from 'vitest';
import { createEpidemic, DEFAULT_EPIDEMIC } from './epidemic.ts';
import { buildTown } from './town.ts';
import { createWhereabouts } from './whereabouts.ts';

function runTown(seed: number, steps: number) {
  const town = buildTown(300, 0.5, seed);
  const whereabouts = createWhereabouts(town, seed);
  const epidemic = createEpidemic(300, (p) => town.people[p]?.hasApp ?? false, whereabouts, seed);
  const results = [];
  for (let step = 0; step < steps; step++) results.push(...epidemic.step(step));
  return { town, whereabouts, epidemic, results };
}

describe('town and epidemic', () => {
  it('builds the same town, whereabouts, infections and truth from the same seed', () => {
    const a = runTown(7, 288 * 3);
    const b = runTown(7, 288 * 3);
    expect(b.town).toEqual(a.town);
    expect(b.epidemic.infectedCount()).toBe(a.epidemic.infectedCount());
    expect(b.results).toEqual(a.results);
    expect([...b.epidemic.closeMinutes]).toEqual([...a.epidemic.closeMinutes]);
    expect(b.whereabouts.at(100)).toEqual(a.whereabouts.at(100));
  });

  it('differs for another seed', () => {
    expect(runTown(8, 10).town).not.toEqual(runTown(7, 10).town);
  });

  it('has households, workers in offices, pupils in classes and commuters', () => {
    const { town } = runTown(7, 1);
    expect(town.households).toBeGreaterThan(50);
    expect(town.people.filter((p) => p.role === 'worker' && p.room >= 0).length).toBeGreaterThan(
      50,
    );
    expect(town.people.filter((p) => p.role === 'pupil').every((p) => p.room >= 0)).toBe(true);
    expect(town.people.some((p) => p.line >= 0)).toBe(true);
    const share = town.people.filter((p) => p.hasApp).length / town.people.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
  });

  it('puts people at home at night and at work or school on a weekday morning', () => {
    const { whereabouts } = runTown(7, 1);
    // Step 288 + 24 is 11:00 local on Tuesday; step 180 is 00:00 local on Tuesday.
    const kinds = (step: number) =>
      [...whereabouts.at(step).keys()].map((k) => Math.floor(k / 1e9));
    expect(new Set(kinds(180))).toEqual(new Set([0]));
    expect(kinds(288 + 24)).toContain(1);
    expect(kinds(288 + 24)).toContain(2);
  });

  it('infects people and tallies close contacts among app users', () => {
    const { epidemic, results } = runTown(7, 288 * 4);
    expect(epidemic.infectedCount()).toBeGreaterThan(3);
    expect(results.length).toBeGreaterThan(0);
    const minutes = [...epidemic.closeMinutes.values()].flatMap((m) => [...m.values()]);
    expect(minutes.some((m) => m >= 15)).toBe(true);
  });

  it('tests a person once, even one tested before the start and notified later', () => {
    const seed = 7;
    const town = buildTown(300, 0.5, seed);
    const whereabouts = createWhereabouts(town, seed);
    const epidemic = createEpidemic(300, () => true, whereabouts, seed, {
      ...DEFAULT_EPIDEMIC,
      initialInfectedShare: 0.2,
      notifiedTestShare: 1,
    });
    const early = epidemic.step(0).filter((r) => r.testStep < 0);
    expect(early.length).toBeGreaterThan(0);
    for (const r of early) epidemic.notified(r.person, 0);

    const later = [];
    for (let step = 1; step < 288 * 3; step++) later.push(...epidemic.step(step));
    const testedEarly = new Set(early.map((r) => r.person));
    expect(later.filter((r) => testedEarly.has(r.person))).toEqual([]);
  });
});
