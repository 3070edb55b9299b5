/**
 * Geometric ground truth of a run: how long each agent stood within a given distance of the
 * sick agent, from the setup's positions (feet) that hold from each transition minute on.
 */
import type { AgentSetup, Position } from './setup-file.ts';

/** 6 feet, the distance the scenarios were designed around (1.83 m). */
export const CLOSE_CONTACT_FEET = 6;

/** Position of an agent at `minute` after the run start (null while away). */
export function positionAt(agent: AgentSetup, minute: number): Position {
  let index = 0;
  for (let i = 0; i < agent.transitionMins.length; i++) {
    if ((agent.transitionMins[i] ?? Infinity) <= minute) index = i;
  }
  return agent.positions[index] ?? null;
}

/** Straight-line distance in feet, or undefined when either agent is away. */
export function distanceFeet(a: Position, b: Position): number | undefined {
  if (!a || !b) return undefined;
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/**
 * Minutes during which `agent` was within `limitFeet` of `sick`, over a run of
 * `durationMinutes`; each whole minute counts by the positions at its start.
 */
export function minutesWithin(
  agent: AgentSetup,
  sick: AgentSetup,
  durationMinutes: number,
  limitFeet = CLOSE_CONTACT_FEET,
): number {
  let minutes = 0;
  for (let m = 0; m < durationMinutes; m++) {
    const d = distanceFeet(positionAt(agent, m), positionAt(sick, m));
    if (d !== undefined && d <= limitFeet) minutes++;
  }
  return minutes;
}

/** Shortest distance in feet between the two agents during the run (undefined if never both present). */
export function closestFeet(
  agent: AgentSetup,
  sick: AgentSetup,
  durationMinutes: number,
): number | undefined {
  let best: number | undefined;
  for (let m = 0; m < Math.max(1, durationMinutes); m++) {
    const d = distanceFeet(positionAt(agent, m), positionAt(sick, m));
    if (d !== undefined && (best === undefined || d < best)) best = d;
  }
  return best;
}
