/**
 * Home: the status the person can trust (working / stopped / cannot check, with the reason),
 * the last check, the days of use, and the two main actions. Contact results are deliberately
 * not shown here: the person opens "check contacts" to see them.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context.tsx';
import { Page } from '../components/Page.tsx';
import { statusText } from '../status-text.ts';
import { daysOfUse, formatDateTime } from '../contact-dates.ts';
import { notificationPermission } from '../notify.ts';
import { hrefFor } from '../router.ts';

/** The home screen. */
export function Home() {
  const { t } = useTranslation();
  const { device, status } = useApp();
  const [checking, setChecking] = useState(false);

  if (!device || !status) return <p role="status">{t('app.loading')}</p>;
  const text = statusText(status);
  const notificationsOff = !status.notifications || notificationPermission() === 'denied';

  const checkNow = async (): Promise<void> => {
    setChecking(true);
    try {
      await device.engine.checkExposure();
    } finally {
      setChecking(false);
    }
  };

  return (
    <Page title={t('home.title')}>
      <div className={`status-card ${text.state}`} role="status" aria-live="polite">
        <p className="status-label">{t('home.statusHeading')}</p>
        <p className="status-value" data-testid="status">
          {t(text.headline)}
        </p>
        <p>{t(text.help)}</p>
        {text.reason ? (
          <p data-testid="status-reason">
            <strong>{t('home.reasonHeading')}:</strong> {t(text.reason)}
          </p>
        ) : null}
      </div>

      {status.storageProblem ? (
        <div className="warning" role="alert" data-testid="storage-problem">
          <p>{t('home.storageProblem', { count: status.storageProblem.unreadableRecords })}</p>
          <button
            type="button"
            className="button secondary"
            onClick={() => void device.engine.repairStorage()}
          >
            {t('home.storageRepair')}
          </button>
        </div>
      ) : null}
      {status.clockSkewWarning ? (
        <p className="warning" role="alert">
          {t('home.clockWarning')}
        </p>
      ) : null}
      {notificationsOff ? (
        <p className="warning" data-testid="notifications-off">
          {t('home.notificationsOff')}{' '}
          <a href={hrefFor('settings')}>{t('home.notificationsOffLink')}</a>
        </p>
      ) : null}
      {text.state === 'stopped' ? (
        <p>
          <a href={hrefFor('settings')}>{t('home.recordingOffLink')}</a>
        </p>
      ) : null}

      <dl className="facts">
        <div>
          <dt>{t('home.lastCheck')}</dt>
          <dd data-testid="last-check">
            {status.lastCheckMs === null
              ? t('home.neverChecked')
              : formatDateTime(status.lastCheckMs)}
          </dd>
        </div>
        <div>
          <dt>{t('home.daysOfUse')}</dt>
          <dd data-testid="days-of-use">
            {t('home.daysCount', {
              count: status.firstUseMs === null ? 1 : daysOfUse(status.firstUseMs, Date.now()),
            })}
          </dd>
        </div>
      </dl>

      <div className="actions stacked">
        <a className="button primary" href={hrefFor('contacts')}>
          {t('home.checkContacts')}
        </a>
        <button
          type="button"
          className="button secondary"
          disabled={checking}
          onClick={() => void checkNow()}
        >
          {checking ? t('home.checking') : t('home.checkNow')}
        </button>
        <a className="button secondary" href={hrefFor('register')}>
          {t('home.register')}
        </a>
      </div>
    </Page>
  );
}
