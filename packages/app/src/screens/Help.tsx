/** Help: answers to the questions people ask most, in the app's own words. */
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page.tsx';

const QUESTIONS = [1, 2, 3, 4, 5, 6] as const;

/** The help / FAQ screen. */
export function Help() {
  const { t } = useTranslation();
  return (
    <Page title={t('help.title')}>
      <h2>{t('help.faq')}</h2>
      {QUESTIONS.map((n) => (
        <details key={n} className="faq">
          <summary>{t(`help.q${n}`)}</summary>
          <p>{t(`help.a${n}`)}</p>
        </details>
      ))}
    </Page>
  );
}
