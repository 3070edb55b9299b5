/**
 * Start-up: reads the app's preferences and the runtime configuration, sets the language, and
 * shows a clear screen instead of crashing when either cannot be read.
 */
import { useCallback, useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import { createI18n } from './i18n/index.ts';
import { loadAppConfig, type AppConfig } from './config.ts';
import {
  DEFAULT_PREFS,
  loadPrefs,
  PREFS_KEY,
  PrefsCorruptedError,
  resetPrefs,
  savePrefs,
  type AppPrefs,
} from './prefs.ts';
import { currentProfile, profiled } from './profile.ts';
import { Shell } from './Shell.tsx';
import { StartupProblem } from './screens/StartupProblem.tsx';

type BootState =
  | { phase: 'loading' }
  | { phase: 'prefs-corrupted'; i18n: i18n }
  | { phase: 'config-error'; i18n: i18n }
  | { phase: 'ready'; i18n: i18n; config: AppConfig; prefs: AppPrefs };

/** Loads everything the shell needs, then renders it. */
export function Boot() {
  const [state, setState] = useState<BootState>({ phase: 'loading' });
  const [profile] = useState(currentProfile);
  const prefsKey = profiled(PREFS_KEY, profile);

  const load = useCallback(async (): Promise<void> => {
    let prefs: AppPrefs;
    try {
      prefs = loadPrefs(window.localStorage, prefsKey);
      if (profile.distanceM !== null) prefs.distanceM = profile.distanceM;
    } catch (error) {
      if (!(error instanceof PrefsCorruptedError)) throw error;
      setState({ phase: 'prefs-corrupted', i18n: await createI18n(DEFAULT_PREFS.language) });
      return;
    }

    const i18n = await createI18n(prefs.language);
    document.documentElement.lang = prefs.language;
    try {
      const config = await loadAppConfig();
      setState({ phase: 'ready', i18n, config, prefs });
    } catch {
      setState({ phase: 'config-error', i18n });
    }
  }, [prefsKey, profile.distanceM]);

  useEffect(() => {
    void load();
  }, [load]);

  if (state.phase === 'loading') {
    return (
      <p className="boot" role="status">
        …
      </p>
    );
  }
  return (
    <I18nextProvider i18n={state.i18n}>
      {state.phase === 'prefs-corrupted' ? (
        <StartupProblem
          kind="prefs"
          onAction={() => {
            // Only the app's own preferences are reset; the engine's records and its recording
            // and notification settings stay untouched, so only consent is asked again.
            resetPrefs(window.localStorage, prefsKey);
            savePrefs(window.localStorage, { ...DEFAULT_PREFS, onboarded: true }, prefsKey);
            void load();
          }}
        />
      ) : null}
      {state.phase === 'config-error' ? (
        <StartupProblem kind="config" onAction={() => void load()} />
      ) : null}
      {state.phase === 'ready' ? (
        <Shell
          config={state.config}
          initialPrefs={state.prefs}
          profile={profile}
          prefsKey={prefsKey}
        />
      ) : null}
    </I18nextProvider>
  );
}
