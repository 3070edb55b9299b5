/**
 * Shared state of the running app: configuration, preferences, and the device engine once the
 * person has consented (nothing runs before that).
 */
import { createContext, useContext } from 'react';
import type { DeviceStatus } from '@cocoa/device';
import type { AppConfig } from './config.ts';
import type { AppPrefs } from './prefs.ts';
import type { BrowserDevice } from './engine/browser-engine.ts';

/** Choices made on the onboarding's permission step. */
export interface StartChoices {
  recording: boolean;
  notifications: boolean;
}

/** What every screen can read and do. */
export interface AppContextValue {
  config: AppConfig;
  prefs: AppPrefs;
  updatePrefs(patch: Partial<AppPrefs>): void;
  /** The engine, or null before consent and after "delete all data". */
  device: BrowserDevice | null;
  /** Latest engine status, or null while there is no engine. */
  status: DeviceStatus | null;
  /** Creates and starts the engine, applying the onboarding choices when given. */
  startDevice(choices?: StartChoices): Promise<void>;
  /** Erases the engine's data and the app's preferences, returning to onboarding. */
  deleteAllData(): Promise<void>;
}

/** React context of the running app. */
export const AppContext = createContext<AppContextValue | null>(null);

/** The running app's shared state; only usable inside the app shell. */
export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp must be used inside AppContext');
  return value;
}
