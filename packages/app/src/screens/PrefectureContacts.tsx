/** The prefecture picker and the consultation or clinic contacts of the chosen prefecture. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PREFECTURES, findPrefecture } from '../data/prefectures.ts';
import { toLanguage } from '../i18n/index.ts';

/** Lets the person choose a prefecture and shows where to call. */
export function PrefectureContacts() {
  const { t, i18n } = useTranslation();
  const language = toLanguage(i18n.language);
  const id = useId();
  const [code, setCode] = useState('');
  const prefecture = findPrefecture(code);

  return (
    <div className="prefecture">
      <label htmlFor={id}>{t('guidance.prefectureLabel')}</label>
      <select id={id} value={code} onChange={(e) => setCode(e.target.value)}>
        <option value="">{t('guidance.prefecturePlaceholder')}</option>
        {PREFECTURES.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name[language]}
          </option>
        ))}
      </select>

      {prefecture ? (
        <section className="contact-card" data-testid="prefecture-contact" aria-live="polite">
          <h2>{t('guidance.contactsHeading', { name: prefecture.name[language] })}</h2>
          {prefecture.sample ? (
            <p className="warning" data-testid="sample-warning">
              {t('guidance.sample')}
            </p>
          ) : null}
          <p>
            {prefecture.route === 'consultation-first'
              ? t('guidance.consultFirst')
              : t('guidance.clinicDirect')}
          </p>
          <p className="contact-name">{prefecture.contact.name[language]}</p>
          <dl className="facts">
            <div>
              <dt>{t('guidance.phone')}</dt>
              <dd>
                <a href={`tel:${prefecture.contact.phone}`}>{prefecture.contact.phone}</a>
              </dd>
            </div>
            <div>
              <dt>{t('guidance.hours')}</dt>
              <dd>{prefecture.contact.hours[language]}</dd>
            </div>
            {prefecture.contact.url ? (
              <div>
                <dt>{t('guidance.website')}</dt>
                <dd>
                  <a href={prefecture.contact.url} rel="noreferrer" target="_blank">
                    {prefecture.contact.url}
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>
        </section>
      ) : null}
    </div>
  );
}
