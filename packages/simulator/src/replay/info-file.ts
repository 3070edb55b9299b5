/**
 * The per-run `<run>_info.json`: start and stop time, which agent carried which phone, and the
 * exposure level each phone's own EN app reported (`sick` marks the positive phone).
 */
import { parseLogTimestamp } from './timestamp.ts';
import { asArray, asObject, asString, fail, parseJsonFile } from './json-file.ts';

/** The level a phone's real EN app showed at the end of a run. */
export type ReportedLevel = 'high' | 'low' | 'none' | 'sick';

/** One agent–phone pairing of a run. */
export interface RunDetail {
  agent: string;
  phone: string;
  /** The level as first written down. */
  exposure: ReportedLevel;
  /** The corrected level, when the file gives one (`realExposure`). */
  correctedExposure: ReportedLevel | undefined;
}

/** A parsed info file. */
export interface RunInfo {
  testId: string;
  startMs: number;
  stopMs: number;
  details: RunDetail[];
}

const LEVELS: readonly string[] = ['high', 'low', 'none', 'sick'];

/** Parses and checks an info file. */
export function parseInfo(text: string, file: string): RunInfo {
  const root = asObject(parseJsonFile(text, file), file, 'info');
  const details = asArray(root.details, file, 'details').map((d, i) => parseDetail(d, file, i));
  return {
    testId: asString(root.testId, file, 'testId'),
    startMs: readTime(root.startTime, file, 'startTime'),
    stopMs: readTime(root.stopTime, file, 'stopTime'),
    details,
  };
}

function readTime(value: unknown, file: string, field: string): number {
  const ms = parseLogTimestamp(asString(value, file, field));
  if (ms === undefined) fail(file, undefined, `${field} is not a timestamp with a zone`);
  return ms;
}

function parseDetail(value: unknown, file: string, index: number): RunDetail {
  const where = `details[${index}]`;
  const detail = asObject(value, file, where);
  return {
    agent: asString(detail.agent, file, `${where}.agent`),
    phone: asString(detail.phone, file, `${where}.phone`),
    exposure: readLevel(detail.exposure, file, `${where}.exposure`),
    correctedExposure:
      detail.realExposure === undefined
        ? undefined
        : readLevel(detail.realExposure, file, `${where}.realExposure`),
  };
}

function readLevel(value: unknown, file: string, where: string): ReportedLevel {
  const level = asString(value, file, where).toLowerCase();
  if (!LEVELS.includes(level)) fail(file, undefined, `${where} must be high, low, none or sick`);
  return level as ReportedLevel;
}
