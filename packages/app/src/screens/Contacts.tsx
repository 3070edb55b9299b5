/**
 * Check contacts: "no contact confirmed" or the contact days of the past 14 days with a count
 * per day, each UTC-day record labelled in the local calendar with its exact local range.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDay } from '@cocoa/device';
import { useApp } from '../app-context.tsx';
import { Page } from '../components/Page.tsx';
import { formatDateTime, localContactDay } from '../contact-dates.ts';
import { hrefFor } from '../router.ts';

/** The check-contacts screen. */
export function Contacts() {
  const { t } = useTranslation();
  const { device, status } = useApp();
  const [days, setDays] = useState<ContactDay[] | null>(null);

  // Re-read whenever a check finishes, so the list follows the latest scoring.
  const lastCheck = status?.lastCheckMs ?? null;
  useEffect(() => {
    let live = true;
    void device?.engine.contactDays().then((list) => {
      if (live) setDays(list);
    });
    return () => {
      live = false;
    };
  }, [device, lastCheck]);

  if (!device || !status || days === null) return <p role="status">{t('app.loading')}</p>;

  return (
    <Page title={t('contacts.title')}>
      {status.lastCheckMs === null ? (
        <p className="notice">{t('contacts.unchecked')}</p>
      ) : (
        <p className="muted">
          {t('contacts.lastCheck', { time: formatDateTime(status.lastCheckMs) })}
        </p>
      )}
      {days.length === 0 ? <NoContact /> : <ContactList days={days} />}
      <p className="muted">{t('contacts.period')}</p>
    </Page>
  );
}

function NoContact() {
  const { t } = useTranslation();
  return (
    <div className="result-card ok" data-testid="no-contact">
      <h2>{t('contacts.none')}</h2>
      <p>{t('contacts.noneHelp')}</p>
    </div>
  );
}

function ContactList({ days }: { days: ContactDay[] }) {
  const { t } = useTranslation();
  return (
    <div className="result-card alert" data-testid="contact-found">
      <h2>{t('contacts.found')}</h2>
      <p>{t('contacts.foundHelp')}</p>
      <h3 id="contact-days">{t('contacts.listLabel')}</h3>
      <ul className="contact-days" aria-labelledby="contact-days">
        {days.map((day) => {
          const local = localContactDay(day.dateMs);
          return (
            <li key={day.dateMs} data-testid="contact-day">
              <span className="day-line">
                {t('contacts.dayLine', { date: local.label, count: day.count })}
              </span>
              {local.shifted ? (
                <span className="day-range">
                  {t('contacts.range', { from: local.from, to: local.to })}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      <a className="button primary" href={hrefFor('guidance')}>
        {t('contacts.guidance')}
      </a>
    </div>
  );
}
