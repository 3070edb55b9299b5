/**
 * Maps the phone-carriage codes of the phone-log scenarios (`Hand`, `LFPP` left front pants
 * pocket, `RBPP` right back pants pocket, `LFSP` shirt pocket, `LIJP` inner jacket pocket,
 * `Bag (worn)`, `Table`, …) to the three carriages the radio model knows.
 */
import type { Carriage } from './types.ts';

/** The model carriage for a scenario's `phone_situation` code. */
export function carriageOf(situation: string): Carriage {
  const s = situation.trim().toLowerCase();
  if (s.startsWith('bag')) return 'bag';
  if (s === 'hand' || s === 'table') return 'hand';
  return 'pocket';
}
