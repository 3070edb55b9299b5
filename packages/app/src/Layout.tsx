/**
 * The frame around every screen: a skip link, the header with the language switch, the main
 * region, and the bottom navigation sized for thumbs.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from './app-context.tsx';
import { LANGUAGES, toLanguage } from './i18n/index.ts';
import { hrefFor, useRoute, type RouteName } from './router.ts';

const NAV: { route: RouteName; label: string }[] = [
  { route: 'home', label: 'nav.home' },
  { route: 'contacts', label: 'nav.contacts' },
  { route: 'settings', label: 'nav.settings' },
  { route: 'help', label: 'nav.help' },
];

/** Header, main region and (after onboarding) the navigation. */
export function Layout({ showNav, children }: { showNav: boolean; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { updatePrefs } = useApp();
  const route = useRoute();

  const changeLanguage = (value: string): void => {
    const language = toLanguage(value);
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
    updatePrefs({ language });
  };

  return (
    <div className="layout">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // The hash belongs to the router; move focus without changing the screen.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <p className="app-name">{t('app.name')}</p>
        <label className="language">
          <span className="visually-hidden">{t('app.language')}</span>
          <select
            value={toLanguage(i18n.language)}
            onChange={(e) => changeLanguage(e.target.value)}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(language === 'ja' ? 'app.languageJa' : 'app.languageEn')}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      {showNav ? (
        <nav className="nav" aria-label={t('nav.label')}>
          <ul>
            {NAV.map((item) => (
              <li key={item.route}>
                <a
                  href={hrefFor(item.route)}
                  aria-current={route.name === item.route ? 'page' : undefined}
                >
                  {t(item.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
