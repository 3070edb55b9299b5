/** The engine's own small state, stored sealed like everything else. */
import type { CannotCheckReason } from './types.ts';
import type { SecureRecords } from './records.ts';

/** Name of the settings record. */
export const SETTINGS_RECORD = 'settings';

/** Persistent engine state. */
export interface Settings {
  /** Off until the person allows it: nothing is advertised or stored before. */
  recording: boolean;
  notifications: boolean;
  firstUseMs: number | null;
  lastHandledCreatedMs: number;
  lastCheckMs: number | null;
  lastAttemptMs: number | null;
  failure: CannotCheckReason | null;
  clockSkewMs: number | null;
}

/** State of a phone that has never run. */
export function defaultSettings(): Settings {
  return {
    recording: false,
    notifications: false,
    firstUseMs: null,
    lastHandledCreatedMs: 0,
    lastCheckMs: null,
    lastAttemptMs: null,
    failure: null,
    clockSkewMs: null,
  };
}

function isSettings(v: unknown): v is Settings {
  const o = v as Settings;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.recording === 'boolean' &&
    typeof o.notifications === 'boolean' &&
    typeof o.lastHandledCreatedMs === 'number'
  );
}

/** Reads the settings; defaults when absent or unreadable (the latter is flagged by records). */
export async function loadSettings(records: SecureRecords): Promise<Settings> {
  const stored = await records.read(SETTINGS_RECORD, isSettings);
  return { ...defaultSettings(), ...stored };
}
