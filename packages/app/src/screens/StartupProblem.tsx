/**
 * What the person sees when the app cannot start normally: damaged preferences, a missing
 * configuration, or engine storage that cannot be read. Each says what happened and offers
 * the one action that helps; none of them erases data without being asked.
 */
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page.tsx';

/** Which start-up problem to explain. */
export type StartupProblemKind = 'prefs' | 'config' | 'storage';

const TEXT: Record<StartupProblemKind, { title: string; body: string; action: string }> = {
  prefs: {
    title: 'startup.prefsTitle',
    body: 'startup.prefsBody',
    action: 'startup.prefsReset',
  },
  config: { title: 'startup.configTitle', body: 'startup.configBody', action: 'startup.retry' },
  storage: {
    title: 'startup.storageTitle',
    body: 'startup.storageBody',
    action: 'startup.storageReset',
  },
};

/** A full-screen explanation with one action button. */
export function StartupProblem(props: { kind: StartupProblemKind; onAction(): void }) {
  const { t } = useTranslation();
  const text = TEXT[props.kind];
  return (
    <main id="main" className="main">
      <Page title={t(text.title)}>
        <p role="alert" data-testid="startup-problem">
          {t(text.body)}
        </p>
        <button
          type="button"
          className={`button ${props.kind === 'storage' ? 'danger' : 'primary'}`}
          onClick={props.onAction}
        >
          {t(text.action)}
        </button>
      </Page>
    </main>
  );
}
