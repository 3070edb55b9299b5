/**
 * Seeded randomness. Draws that may happen in any order (radio readings of engines running
 * side by side) come from a hash of what they are about, not from a shared sequence, so a
 * seed gives exactly the same town, epidemic and readings on every run.
 */
import { seededRandom } from '@cocoa/device';

/** A sequential generator for draws made in a fixed order (building the town). */
export function sequence(seed: number, stream: number): () => number {
  return seededRandom(mix(seed, stream, 0x9e3779b9, 0));
}

/** A uniform number in [0, 1) determined only by the seed and the four labels. */
export function hashUniform(seed: number, a: number, b: number, c: number): number {
  return mix(seed, a, b, c) / 4294967296;
}

/** A generator seeded by the labels, for a short burst of draws about one thing. */
export function labelled(seed: number, a: number, b: number, c: number): () => number {
  return seededRandom(mix(seed, a, b, c));
}

/** The seed `labelled` starts from, for a generator that is re-seeded rather than made anew. */
export function labelSeed(seed: number, a: number, b: number, c: number): number {
  return mix(seed, a, b, c);
}

/** 32-bit avalanche hash of four integers. Hot: called for every pair of phones in every scan. */
function mix(seed: number, a: number, b: number, c: number): number {
  const h = mixIn(mixIn(mixIn((seed ^ 0x85ebca6b) >>> 0, a), b), c);
  return finish(h);
}

function mixIn(h: number, v: number): number {
  h = Math.imul(h ^ (v >>> 0), 0xcc9e2d51) >>> 0;
  h = ((h << 15) | (h >>> 17)) >>> 0;
  return (Math.imul(h, 0x1b873593) + 0xe6546b64) >>> 0;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** One element of a non-empty list. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** An integer in [min, max]. */
export function intBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
