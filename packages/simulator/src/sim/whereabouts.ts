/**
 * Where everyone is at each 5-minute step: a daily plan per person (home, commute, office or
 * class, errands) in local time (UTC+9), and a position in metres inside the place. Steps
 * line up with the engines' scans, which run every 5 minutes from the simulation start.
 */
import type { Carriage } from '../radio/types.ts';
import { hashUniform, intBetween, labelled } from './random.ts';
import type { Person, Town } from './town.ts';

/** Minutes per simulation step (the engines' scan interval). */
export const STEP_MINUTES = 5;
/** Local time is Japan's, UTC+9; the simulation starts at UTC midnight = 09:00 local. */
const LOCAL_OFFSET_MINUTES = 9 * 60;

const HOME = 0;
const OFFICE = 1;
const CLASS = 2;
const SHOP = 3;
const VEHICLE = 4;
const KIND_SPAN = 1e9;

/** One person in one place at one step. */
export interface Occupant {
  person: number;
  x: number;
  y: number;
  carriage: Carriage;
  /** People in different groups of one place have a wall between them (neighbouring flats). */
  group: number;
}

type Segment = [fromMinute: number, toMinute: number, kind: number, id: number];

/** Whereabouts of the whole town, computed per step and cached for the current step. */
export interface Whereabouts {
  /** Places with their occupants at a step. */
  at(step: number): Map<number, Occupant[]>;
  /** The place key of a person at a step (undefined while walking between places). */
  placeOf(step: number, person: number): number | undefined;
  /** Local day index and minute of day of a step. */
  localTime(step: number): { day: number; minute: number };
}

/** Builds the whereabouts model of a town. */
export function createWhereabouts(town: Town, seed: number): Whereabouts {
  let cachedStep = -1;
  let cached = new Map<number, Occupant[]>();
  const placeByPerson = new Map<number, number>();
  let planDay = -1;
  let plans: Segment[][] = [];

  const localTime = (step: number) => {
    const total = step * STEP_MINUTES + LOCAL_OFFSET_MINUTES;
    return { day: Math.floor(total / 1440), minute: total % 1440 };
  };

  const compute = (step: number) => {
    const { day, minute } = localTime(step);
    if (day !== planDay) {
      plans = town.people.map((p) => dailyPlan(p, day, seed));
      planDay = day;
    }
    const places = new Map<number, Occupant[]>();
    placeByPerson.clear();
    for (const person of town.people) {
      const segment = segmentAt(plans[person.id], minute);
      if (!segment) continue;
      const key = segment[2] * KIND_SPAN + segment[3];
      const position = positionIn(segment, person, step, day, minute, seed, town);
      const occupant: Occupant = {
        person: person.id,
        ...position,
        carriage: segment[2] === HOME ? 'hand' : person.carriage,
        group: segment[2] === HOME ? person.household : 0,
      };
      const list = places.get(key);
      if (list) list.push(occupant);
      else places.set(key, [occupant]);
      placeByPerson.set(person.id, key);
    }
    cached = places;
    cachedStep = step;
  };

  return {
    at(step) {
      if (step !== cachedStep) compute(step);
      return cached;
    },
    placeOf(step, person) {
      if (step !== cachedStep) compute(step);
      return placeByPerson.get(person);
    },
    localTime,
  };
}

// Hot: once per person per step, so a plain loop rather than a closure per call.
function segmentAt(plan: Segment[] | undefined, minute: number): Segment | undefined {
  for (const s of plan ?? []) if (s[0] <= minute && minute < s[1]) return s;
  return undefined;
}

/** A person's plan for one local day, as [from, to) minute segments. */
function dailyPlan(p: Person, day: number, seed: number): Segment[] {
  const random = labelled(seed, p.id, day, 7);
  const home = (from: number, to: number): Segment => [from, to, HOME, p.household >> 1];
  const weekend = day % 7 >= 5;
  const plan: Segment[] = [];
  let t = 0;
  const go = (until: number, kind: number, id: number) => {
    if (until > t) plan.push([t, until, kind, id]);
    t = Math.max(t, until);
  };
  const commute = (departure: number) => {
    if (p.line < 0)
      go(departure + 10, -1, 0); // a walk: no place, nobody near
    else go(departure + 30, VEHICLE, p.line * 10_000 + departure);
  };
  const errand = (chance: number, earliest: number, latest: number) => {
    if (random() >= chance) return;
    const start = Math.max(
      t,
      earliest + 15 * intBetween(random, 0, Math.max(0, (latest - earliest) / 15)),
    );
    plan.push(home(t, start));
    t = start;
    go(start + 15 * intBetween(random, 2, 4), SHOP, p.shop);
  };

  if (weekend || p.role === 'retired') {
    errand(weekend ? 0.6 : 0.5, 10 * 60, 17 * 60);
  } else {
    const leave = p.role === 'pupil' ? 7 * 60 + 30 : 7 * 60 + 15 * intBetween(random, 0, 6);
    plan.push(home(0, leave));
    t = leave;
    commute(leave);
    const end = p.role === 'pupil' ? 15 * 60 + 30 : 17 * 60 + 15 * intBetween(random, 0, 8);
    go(end, p.role === 'pupil' ? CLASS : OFFICE, p.room);
    commute(t);
    errand(p.role === 'pupil' ? 0.1 : 0.3, t, t);
  }
  plan.push(home(t, 1440));
  return plan.filter((s) => s[2] >= 0 && s[1] > s[0]);
}

/** Position (metres) inside the place of a segment. */
function positionIn(
  segment: Segment,
  p: Person,
  step: number,
  day: number,
  minute: number,
  seed: number,
  town: Town,
): { x: number; y: number } {
  const u = (a: number, b: number) => hashUniform(seed, p.id, a, b);
  const jitter = (k: number) => (hashUniform(seed, p.id, step, k) - 0.5) * 0.5;
  const [, , kind, id] = segment;
  let x: number;
  let y: number;
  if (kind === HOME) {
    const flat = (p.household & 1) * 5.3;
    const night = minute >= 22 * 60 || minute < 6 * 60 + 30;
    // At night the household sleeps in one room; by day people move about the flat.
    const slot = night ? day * 1000 : Math.floor(step / 3);
    x = flat + (night ? 0.5 + 2 * u(slot, 1) : 5 * u(slot, 1));
    y = night ? 0.5 + 1.5 * u(slot, 2) : 4 * u(slot, 2);
  } else if (kind === OFFICE) {
    x = 8 * u(day, 3);
    y = 6 * u(day, 4);
  } else if (kind === CLASS) {
    const seat = p.seat;
    x = (seat % 7) * 1.0;
    y = Math.floor(seat / 7) * 1.3;
  } else if (kind === SHOP) {
    x = 15 * u(step, 5);
    y = 10 * u(step, 6);
  } else {
    const train = town.lines[Math.floor(id / 10_000)] ?? true;
    x = (train ? 18 : 10) * u(id, 7);
    y = (train ? 2.8 : 2.5) * u(id, 8);
  }
  return { x: x + jitter(9), y: y + jitter(10) };
}
