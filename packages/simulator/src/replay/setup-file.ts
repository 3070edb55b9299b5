/**
 * The per-scenario `<name>_setup.json`: where each agent stood (feet, per transition minute),
 * how the phone was carried, which phones took part and the scenario's attenuation thresholds.
 */
import { asArray, asNumber, asObject, asString, fail, parseJsonFile } from './json-file.ts';
import { isWithin, limitRule, TX_POWER_LIMIT } from './radio-limits.ts';

/** A point in feet; null while the agent is away from the scene. */
export type Position = readonly [number, number, number] | null;

/** One agent (person) of a scenario. */
export interface AgentSetup {
  id: string;
  /** Positions at each transition minute; the phone's own when the file gives them. */
  positions: Position[];
  transitionMins: number[];
  phoneSituation: string;
}

/** One phone of a scenario. */
export interface PhoneSetup {
  id: string;
  model: string;
  /** Seconds to add to the phone's clock to reach the reference time. */
  timeOffsetSeconds: number;
  /** TX power for phones whose log does not carry it. */
  txPower: number | undefined;
}

/** A parsed setup file. */
export interface ScenarioSetup {
  title: string;
  thresholds: number[];
  agents: AgentSetup[];
  phones: PhoneSetup[];
}

/** Parses and checks a setup file. */
export function parseSetup(text: string, file: string): ScenarioSetup {
  const root = asObject(parseJsonFile(text, file), file, 'setup');
  const thresholds = asArray(root.thresholds, file, 'thresholds').map((t, i) =>
    asNumber(t, file, `thresholds[${i}]`),
  );
  const agents = asArray(root.agents, file, 'agents').map((a, i) => parseAgent(a, file, i));
  const phones = asArray(root.phones, file, 'phones').map((p, i) => parsePhone(p, file, i));
  return { title: asString(root.title, file, 'title'), thresholds, agents, phones };
}

function parseAgent(value: unknown, file: string, index: number): AgentSetup {
  const where = `agents[${index}]`;
  const agent = asObject(value, file, where);
  const transitionMins = asArray(agent.transition_mins, file, `${where}.transition_mins`).map(
    (t, i) => asNumber(t, file, `${where}.transition_mins[${i}]`),
  );

  // A separate phone position (phone held away from the body) wins over the agent's.
  const source = agent.phone_positions ?? agent.positions;
  const positions = asArray(source, file, `${where}.positions`).map((p, i) =>
    parsePosition(p, file, `${where}.positions[${i}]`),
  );
  if (positions.length !== transitionMins.length) {
    fail(
      file,
      undefined,
      `${where} has ${positions.length} positions for ${transitionMins.length} transition minutes`,
    );
  }
  return {
    id: asString(agent.id, file, `${where}.id`),
    positions,
    transitionMins,
    phoneSituation: typeof agent.phone_situation === 'string' ? agent.phone_situation : '',
  };
}

function parsePosition(value: unknown, file: string, where: string): Position {
  const list = asArray(value, file, where);
  if (list.length === 0) return null;
  if (list.length !== 3) fail(file, undefined, `${where} must be [] or [x, y, z] in feet`);
  const [x, y, z] = list.map((n, i) => asNumber(n, file, `${where}[${i}]`));
  return [x ?? 0, y ?? 0, z ?? 0];
}

function parsePhone(value: unknown, file: string, index: number): PhoneSetup {
  const where = `phones[${index}]`;
  const phone = asObject(value, file, where);
  return {
    id: asString(phone.id, file, `${where}.id`),
    model: typeof phone.model === 'string' ? phone.model : '',
    timeOffsetSeconds:
      phone.time_offset === undefined
        ? 0
        : asNumber(phone.time_offset, file, `${where}.time_offset`),
    txPower: phone.tx === undefined ? undefined : readTxPower(phone.tx, file, `${where}.tx`),
  };
}

/** A phone's TX power in dBm, within what a phone can advertise. */
function readTxPower(value: unknown, file: string, where: string): number {
  const dbm = asNumber(value, file, where);
  if (!isWithin(dbm, TX_POWER_LIMIT)) fail(file, undefined, limitRule(where, TX_POWER_LIMIT));
  return dbm;
}
