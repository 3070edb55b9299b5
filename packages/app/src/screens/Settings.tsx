/**
 * Settings: notifications and recording on/off, the simulated distance of this window, the
 * interface language, the documents, and "delete all data" behind a confirmation.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context.tsx';
import { Page } from '../components/Page.tsx';
import { Switch } from '../components/Switch.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { notificationPermission, requestNotificationPermission } from '../notify.ts';
import { hrefFor } from '../router.ts';

/** Distances offered for the nearby channel, metres. */
export const DISTANCES_M = [0.5, 1, 2, 3, 5] as const;

/** The settings screen. */
export function Settings() {
  const { t } = useTranslation();
  const { device, status, prefs, updatePrefs, deleteAllData } = useApp();
  const [confirming, setConfirming] = useState(false);
  const [denied, setDenied] = useState(notificationPermission() === 'denied');

  if (!device || !status) return <p role="status">{t('app.loading')}</p>;

  const setNotifications = async (on: boolean): Promise<void> => {
    if (on) setDenied((await requestNotificationPermission()) === 'denied');
    await device.engine.setNotifications(on);
  };
  const setDistance = (meters: number): void => {
    device.radio.setDistance(meters);
    updatePrefs({ distanceM: meters });
  };

  return (
    <Page title={t('settings.title')}>
      <Switch
        label={t('settings.recording')}
        help={t('settings.recordingHelp')}
        checked={status.recording}
        onChange={(on) => void device.engine.setRecording(on)}
      />
      <Switch
        label={t('settings.notifications')}
        help={t('settings.notificationsHelp')}
        checked={status.notifications}
        onChange={(on) => void setNotifications(on)}
      />
      {denied ? (
        <p className="warning" role="alert">
          {t('onboarding.notificationsDenied')}
        </p>
      ) : null}

      <div className="field">
        <label htmlFor="distance">{t('settings.distance')}</label>
        <p id="distance-help" className="help">
          {t('settings.distanceHelp')}
        </p>
        <select
          id="distance"
          aria-describedby="distance-help"
          value={prefs.distanceM}
          onChange={(e) => setDistance(Number(e.target.value))}
        >
          {DISTANCES_M.map((m) => (
            <option key={m} value={m}>
              {t('settings.distanceValue', { meters: m })}
            </option>
          ))}
        </select>
      </div>

      <h2>{t('settings.documents')}</h2>
      <ul className="link-list">
        <li>
          <a href={hrefFor('terms')}>{t('settings.terms')}</a>
        </li>
        <li>
          <a href={hrefFor('privacy')}>{t('settings.privacy')}</a>
        </li>
        <li>
          <a href={hrefFor('licences')}>{t('settings.licences')}</a>
        </li>
      </ul>
      {prefs.consent ? (
        <p className="muted">{t('settings.consentedVersion', { ...prefs.consent })}</p>
      ) : null}

      <h2>{t('settings.deleteTitle')}</h2>
      <p>{t('settings.deleteHelp')}</p>
      <button type="button" className="button danger" onClick={() => setConfirming(true)}>
        {t('settings.deleteButton')}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('settings.deleteConfirmTitle')}
        body={t('settings.deleteConfirmBody')}
        confirmLabel={t('settings.deleteConfirmButton')}
        cancelLabel={t('app.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void deleteAllData();
        }}
      />
    </Page>
  );
}
