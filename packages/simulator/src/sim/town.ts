/**
 * The simulated town: people in households (paired into two-flat buildings sharing a wall),
 * workers in office rooms, pupils in classes, shops, and train and bus lines. Everything is
 * drawn from the seed, so the same seed builds the same town.
 */
import type { Carriage } from '../radio/types.ts';
import { intBetween, pick, sequence } from './random.ts';

/** What a person does on weekdays. */
export type Role = 'worker' | 'pupil' | 'retired';

/** One resident. */
export interface Person {
  id: number;
  household: number;
  role: Role;
  /** Office room (workers) or class (pupils); -1 for retired people. */
  room: number;
  /** Train or bus line of the commute; -1 when the person walks. */
  line: number;
  /** Whether the person's phone runs the app. */
  hasApp: boolean;
  /** How the phone is carried away from home. */
  carriage: Carriage;
  /** Home shop, visited on errands. */
  shop: number;
  /** Desk in the class (pupils). */
  seat: number;
}

/** The whole town. */
export interface Town {
  people: Person[];
  households: number;
  rooms: number;
  classes: number;
  shops: number;
  /** Per line: true for trains, false for buses. */
  lines: boolean[];
}

const HOUSEHOLD_SIZES = [1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5];
const CARRIAGES: Carriage[] = ['hand', 'pocket', 'pocket', 'bag'];
const OFFICE_ROOM_SIZE = 10;
const CLASS_SIZE = 28;

/** Builds a town of `size` people; `adoption` is the share whose phones run the app. */
export function buildTown(size: number, adoption: number, seed: number): Town {
  const random = sequence(seed, 1);
  const people: Person[] = [];
  let households = 0;

  // Households: one or two adults, further members are pupils.
  while (people.length < size) {
    const members = Math.min(pick(random, HOUSEHOLD_SIZES), size - people.length);
    for (let i = 0; i < members; i++) {
      const adult = i < 2 || members <= 2;
      const role: Role = !adult ? 'pupil' : random() < 0.75 ? 'worker' : 'retired';
      people.push({
        id: people.length,
        household: households,
        role,
        room: -1,
        line: -1,
        hasApp: random() < adoption,
        carriage: pick(random, CARRIAGES),
        shop: 0,
        seat: 0,
      });
    }
    households += 1;
  }

  // Rooms and classes fill up in a shuffled order so neighbours are not colleagues.
  const workers = shuffle(
    people.filter((p) => p.role === 'worker'),
    random,
  );
  workers.forEach((p, i) => (p.room = Math.floor(i / OFFICE_ROOM_SIZE)));
  const pupils = shuffle(
    people.filter((p) => p.role === 'pupil'),
    random,
  );
  pupils.forEach((p, i) => {
    p.room = Math.floor(i / CLASS_SIZE);
    p.seat = i % CLASS_SIZE;
  });

  const lineCount = Math.max(1, Math.round(size / 250));
  const lines = Array.from({ length: lineCount }, () => random() < 0.6);
  const shops = Math.max(1, Math.round(size / 120));
  for (const p of people) {
    p.shop = intBetween(random, 0, shops - 1);
    if (p.role !== 'retired' && random() < 0.65) p.line = intBetween(random, 0, lineCount - 1);
  }

  return {
    people,
    households,
    rooms: Math.ceil(workers.length / OFFICE_ROOM_SIZE),
    classes: Math.ceil(pupils.length / CLASS_SIZE),
    shops,
    lines,
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
