/** The terms of use, the privacy policy and the licences, each readable at any time. */
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page.tsx';
import { CURRENT_VERSIONS } from '../legal/versions.ts';
import { BUNDLED_LICENCES } from '../legal/licences.ts';

/** The paragraphs of one document, without a page frame (also used inside onboarding). */
export function LegalDocument({ kind }: { kind: 'terms' | 'privacy' }) {
  const { t } = useTranslation();
  const paragraphs = t(`legal.${kind}`, { returnObjects: true }) as string[];
  return (
    <div className="legal">
      <p className="muted">{t('legal.version', { version: CURRENT_VERSIONS[kind] })}</p>
      <ol>
        {paragraphs.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ol>
    </div>
  );
}

/** Full screen of the terms of use or the privacy policy. */
export function LegalScreen({ kind }: { kind: 'terms' | 'privacy' }) {
  const { t } = useTranslation();
  return (
    <Page title={t(kind === 'terms' ? 'legal.termsTitle' : 'legal.privacyTitle')}>
      <LegalDocument kind={kind} />
    </Page>
  );
}

/** The licence of the app and of the software it bundles. */
export function LicencesScreen() {
  const { t } = useTranslation();
  return (
    <Page title={t('legal.licencesTitle')}>
      <p>{t('legal.licencesBody')}</p>
      <ul className="plain-list">
        {BUNDLED_LICENCES.map((item) => (
          <li key={item.name}>
            {item.name} — {item.licence}
          </li>
        ))}
      </ul>
    </Page>
  );
}
