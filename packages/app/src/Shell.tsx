/**
 * The running app: asks for consent before anything runs, then starts the device engine and
 * shows the screens. The engine is created once per window and stopped when it unmounts.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '@cocoa/device';
import { AppContext, type AppContextValue, type StartChoices } from './app-context.tsx';
import type { AppConfig } from './config.ts';
import { savePrefs, type AppPrefs } from './prefs.ts';
import type { WindowProfile } from './profile.ts';
import { needsConsent } from './legal/versions.ts';
import { createBrowserDevice, type BrowserDevice } from './engine/browser-engine.ts';
import { eraseBrowserStorage } from './engine/erase.ts';
import { showLocalNotification } from './notify.ts';
import { Layout } from './Layout.tsx';
import { Onboarding, type OnboardingMode } from './screens/Onboarding.tsx';
import { StartupProblem } from './screens/StartupProblem.tsx';
import { Screens } from './Screens.tsx';

/** Props of `Shell`. */
export interface ShellProps {
  config: AppConfig;
  initialPrefs: AppPrefs;
  profile: WindowProfile;
  /** localStorage key of this profile's preferences. */
  prefsKey: string;
}

/** Owns the preferences, the engine and its status. */
export function Shell({ config, initialPrefs, profile, prefsKey }: ShellProps) {
  const { t } = useTranslation();
  const [prefs, setPrefs] = useState(initialPrefs);
  const [device, setDevice] = useState<BrowserDevice | null>(null);
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [storageFailed, setStorageFailed] = useState(false);
  const deviceRef = useRef<BrowserDevice | null>(null);

  const updatePrefs = useCallback(
    (patch: Partial<AppPrefs>) => {
      setPrefs((old) => {
        const next = { ...old, ...patch };
        savePrefs(window.localStorage, next, prefsKey);
        return next;
      });
    },
    [prefsKey],
  );

  const startDevice = useCallback(
    async (choices?: StartChoices): Promise<void> => {
      if (deviceRef.current) return;
      const created = createBrowserDevice(config, {
        distanceM: prefs.distanceM,
        profile,
        notify: () => void showLocalNotification(t('notification.title'), t('notification.body')),
      });
      deviceRef.current = created;
      created.engine.onChange(setStatus);
      try {
        // Choices are saved before start so a "recording off" answer never records a scan.
        if (choices) {
          await created.engine.setRecording(choices.recording);
          await created.engine.setNotifications(choices.notifications);
        }
        await created.engine.start();
        setStatus(created.engine.status());
        setDevice(created);
      } catch {
        // Storage that cannot even be opened or decrypted: explain and offer a reset.
        deviceRef.current = null;
        setStorageFailed(true);
      }
    },
    [config, prefs.distanceM, profile, t],
  );

  const deleteAllData = useCallback(async (): Promise<void> => {
    const current = deviceRef.current;
    deviceRef.current = null;
    setDevice(null);
    setStatus(null);
    if (current) {
      await current.engine.deleteAllData();
      await current.engine.stop();
    }
    await eraseBrowserStorage(profile);
    updatePrefs({ consent: null, onboarded: false });
  }, [profile, updatePrefs]);

  // A returning person who already agreed to the current documents starts right away.
  const consentNeeded = needsConsent(prefs.consent);
  const ready = !consentNeeded && prefs.onboarded;
  useEffect(() => {
    if (ready) void startDevice();
  }, [ready, startDevice]);
  useEffect(() => () => void deviceRef.current?.engine.stop(), []);

  const value = useMemo<AppContextValue>(
    () => ({ config, prefs, updatePrefs, device, status, startDevice, deleteAllData }),
    [config, prefs, updatePrefs, device, status, startDevice, deleteAllData],
  );

  if (storageFailed) {
    return (
      <StartupProblem
        kind="storage"
        onAction={() => {
          void eraseBrowserStorage(profile).then(() => {
            setStorageFailed(false);
            void startDevice();
          });
        }}
      />
    );
  }
  return (
    <AppContext.Provider value={value}>
      <Layout showNav={ready}>
        {ready ? <Screens /> : <Onboarding mode={onboardingMode(prefs)} />}
      </Layout>
    </AppContext.Provider>
  );
}

/** A first start, new document versions, or consent lost with damaged preferences. */
function onboardingMode(prefs: AppPrefs): OnboardingMode {
  if (!prefs.onboarded) return 'first';
  return prefs.consent === null ? 'restored' : 'updated';
}
