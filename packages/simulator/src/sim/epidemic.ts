/**
 * The infection process and the ground truth, both advanced one 5-minute step at a time from
 * the town's whereabouts. Each infectious person may infect anyone in the same room with a
 * per-step probability that falls off with distance; symptoms lead to a test, a test to a
 * positive result a day later. Close contacts (≤ 1 m) between app users are tallied per UTC
 * day so contact days can be judged against the truth at the end.
 */
import { hashUniform, labelled } from './random.ts';
import { STEP_MINUTES, type Occupant, type Whereabouts } from './whereabouts.ts';

const STEPS_PER_DAY = 1440 / STEP_MINUTES;

/** Parameters of the infection process. */
export interface EpidemicParameters {
  /** Infection hazard per minute at 0 m; it falls by e per metre. */
  hazardPerMinute: number;
  /** Share of the town infected in the week before the start. */
  initialInfectedShare: number;
  symptomaticShare: number;
  /** Share of notified app users who get tested the next day. */
  notifiedTestShare: number;
}

/** Defaults: roughly 2% chance per 15 minutes at 1 m, a third of households infected. */
export const DEFAULT_EPIDEMIC: EpidemicParameters = {
  hazardPerMinute: 0.004,
  initialInfectedShare: 0.01,
  symptomaticShare: 0.7,
  notifiedTestShare: 0.5,
};

interface Health {
  infectedStep: number;
  infectiousStep: number;
  recoveredStep: number;
  /** Set once a test is scheduled; tests taken before the start have negative steps. */
  tested: boolean;
}

/** A positive test result, due at `step`. */
export interface PositiveResult {
  person: number;
  step: number;
  testStep: number;
  /** Onset step when the person had symptoms. */
  onsetStep: number | undefined;
}

/** The epidemic and truth state of a run. */
export interface Epidemic {
  /** Advances one step: infections and close-contact tallies; returns results due now. */
  step(step: number): PositiveResult[];
  /** A notified person may get tested the next day. */
  notified(person: number, step: number): void;
  /** Minutes within 1 m per UTC day and pair key (`lower * size + higher`). */
  closeMinutes: Map<number, Map<number, number>>;
  infectedCount(): number;
  newInfectionsByDay: number[];
}

/** Creates the epidemic over a town of `size` people; `hasApp` marks phones with the app. */
export function createEpidemic(
  size: number,
  hasApp: (person: number) => boolean,
  whereabouts: Whereabouts,
  seed: number,
  params: EpidemicParameters = DEFAULT_EPIDEMIC,
): Epidemic {
  const health: (Health | undefined)[] = new Array(size);
  const onset = new Map<number, number>();
  const results: PositiveResult[] = [];
  const closeMinutes = new Map<number, Map<number, number>>();
  const newInfectionsByDay: number[] = [];
  let infected = 0;

  const infect = (person: number, step: number) => {
    const r = labelled(seed, person, step, 11);
    const infectiousStep = step + Math.round((2 + 2 * r()) * STEPS_PER_DAY);
    const h: Health = {
      infectedStep: step,
      infectiousStep,
      recoveredStep: infectiousStep + 7 * STEPS_PER_DAY,
      tested: false,
    };
    health[person] = h;
    infected += 1;
    const day = Math.max(0, Math.floor(step / STEPS_PER_DAY));
    newInfectionsByDay[day] = (newInfectionsByDay[day] ?? 0) + 1;
    if (r() < params.symptomaticShare) {
      const symptoms = infectiousStep + Math.round((1 + r()) * STEPS_PER_DAY);
      onset.set(person, symptoms);
      scheduleTest(person, symptoms + Math.round(2 * r() * STEPS_PER_DAY), symptoms);
    }
  };

  const scheduleTest = (person: number, testStep: number, onsetStep: number | undefined) => {
    const h = health[person];
    if (!h || h.tested) return;
    h.tested = true;
    // Results come back the next day, during the health center's office hours.
    const r = hashUniform(seed, person, testStep, 13);
    const resultStep = testStep + STEPS_PER_DAY + Math.round(r * 6 * 12);
    results.push({ person, step: resultStep, testStep, onsetStep });
  };

  // The first cases were infected 1 to 7 days before the start, so some test positive at once.
  const seeds = Math.max(2, Math.round(size * params.initialInfectedShare));
  for (let i = 0; i < seeds; i++) {
    const person = Math.floor(hashUniform(seed, i, 0, 17) * size);
    const daysBefore = 1 + 6 * hashUniform(seed, i, 1, 17);
    if (!health[person]) infect(person, -Math.round(daysBefore * STEPS_PER_DAY));
  }

  const isInfectious = (p: number, step: number) => {
    const h = health[p];
    return !!h && h.infectiousStep <= step && step < h.recoveredStep;
  };

  const visit = (occupants: Occupant[], step: number) => {
    const day = Math.floor(step / STEPS_PER_DAY);
    for (let i = 0; i < occupants.length; i++) {
      const a = occupants[i] as Occupant;
      for (let j = i + 1; j < occupants.length; j++) {
        const b = occupants[j] as Occupant;
        if (a.group !== b.group) continue; // a wall between flats stops both virus and truth
        const d = Math.hypot(a.x - b.x, a.y - b.y);
        if (d <= 1 && hasApp(a.person) && hasApp(b.person)) tally(day, a.person, b.person);
        transmit(a.person, b.person, d, step);
        transmit(b.person, a.person, d, step);
      }
    }
  };

  const tally = (day: number, a: number, b: number) => {
    const key = Math.min(a, b) * size + Math.max(a, b);
    let byPair = closeMinutes.get(day);
    if (!byPair) closeMinutes.set(day, (byPair = new Map()));
    byPair.set(key, (byPair.get(key) ?? 0) + STEP_MINUTES);
  };

  const transmit = (from: number, to: number, d: number, step: number) => {
    if (health[to] || !isInfectious(from, step)) return;
    const p = 1 - Math.exp(-params.hazardPerMinute * Math.exp(-d) * STEP_MINUTES);
    if (hashUniform(seed, step, from, to) < p) infect(to, step);
  };

  return {
    step(step) {
      for (const occupants of whereabouts.at(step).values()) {
        if (occupants.length > 1) visit(occupants, step);
      }
      // Results of tests taken before the start arrive on the first step.
      const due = results.filter((r) => r.step <= step);
      for (const r of due) results.splice(results.indexOf(r), 1);
      return due;
    },
    notified(person, step) {
      if (hashUniform(seed, person, step, 19) >= params.notifiedTestShare) return;
      if (!health[person]) return; // a negative test: nothing follows
      scheduleTest(person, step + STEPS_PER_DAY, onset.get(person));
    },
    closeMinutes,
    infectedCount: () => infected,
    newInfectionsByDay,
  };
}
