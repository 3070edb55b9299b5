/**
 * Positive registration: explicit consent, the processing number (prefilled from the link in
 * the SMS or e-mail), symptoms and date, a confirmation page, then a result that says plainly
 * what happened and that no recorded data was lost.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationInput, RegistrationResult } from '@cocoa/device';
import { useApp } from '../app-context.tsx';
import { Page } from '../components/Page.tsx';
import { RegisterForm, type RegisterDraft } from './RegisterForm.tsx';
import { localIsoDate, localMidnightRfc3339, registrationErrorKey } from '../registration.ts';
import { hrefFor } from '../router.ts';

type Phase =
  | { name: 'form' }
  | { name: 'confirm' }
  | { name: 'sending' }
  | { name: 'done'; result: RegistrationResult };

/** The registration screen; `prefilledNumber` comes from `#/register?number=…`. */
export function Register({ prefilledNumber }: { prefilledNumber: string | null }) {
  const { t } = useTranslation();
  const { device, config } = useApp();
  const [phase, setPhase] = useState<Phase>({ name: 'form' });
  const [draft, setDraft] = useState<RegisterDraft>({
    consent: false,
    number: prefilledNumber ?? '',
    hasSymptom: null,
    date: localIsoDate(Date.now()),
  });

  // The engine starts just after the app opens (for example from the SMS link).
  if (!device) return <p role="status">{t('app.loading')}</p>;

  const submit = async (): Promise<void> => {
    setPhase({ name: 'sending' });
    const input: RegistrationInput = {
      consent: draft.consent,
      processingNumber: draft.number,
      hasSymptom: draft.hasSymptom === true,
      onsetOrTestDate: localMidnightRfc3339(draft.date),
    };
    let result: RegistrationResult;
    try {
      result = await device.engine.register(input);
    } catch {
      result = { outcome: 'unreachable', attempts: 0 };
    }
    setPhase({ name: 'done', result });
  };

  return (
    <Page title={t('register.title')}>
      {phase.name === 'form' ? (
        <RegisterForm
          draft={draft}
          prefilled={prefilledNumber !== null}
          onChange={setDraft}
          onNext={() => setPhase({ name: 'confirm' })}
        />
      ) : null}
      {phase.name === 'confirm' || phase.name === 'sending' ? (
        <section aria-labelledby="confirm-title">
          <h2 id="confirm-title">{t('register.confirmTitle')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('register.confirmNumber')}</dt>
              <dd data-testid="confirm-number">{draft.number}</dd>
            </div>
            <div>
              <dt>{t('register.confirmSymptoms')}</dt>
              <dd>{t(draft.hasSymptom ? 'register.symptomsYes' : 'register.symptomsNo')}</dd>
            </div>
            <div>
              <dt>{t('register.confirmDate')}</dt>
              <dd>{draft.date.replaceAll('-', '/')}</dd>
            </div>
          </dl>
          <div className="actions stacked">
            <button
              type="button"
              className="button primary"
              disabled={phase.name === 'sending'}
              onClick={() => void submit()}
            >
              {phase.name === 'sending' ? t('register.submitting') : t('register.submit')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={phase.name === 'sending'}
              onClick={() => setPhase({ name: 'form' })}
            >
              {t('register.edit')}
            </button>
          </div>
        </section>
      ) : null}
      {phase.name === 'done' ? (
        <RegisterOutcome result={phase.result} onRetry={() => setPhase({ name: 'form' })} />
      ) : null}
      {config.healthCenter.name ? (
        <p className="muted">{t('register.healthCenter', { ...config.healthCenter })}</p>
      ) : null}
    </Page>
  );
}

function RegisterOutcome(props: { result: RegistrationResult; onRetry(): void }) {
  const { t } = useTranslation();
  if (props.result.outcome === 'success') {
    return (
      <div className="result-card ok" role="status" data-testid="register-success">
        <h2>{t('register.successTitle')}</h2>
        <p>{t('register.successBody')}</p>
        <a className="button primary" href={hrefFor('home')}>
          {t('app.backHome')}
        </a>
      </div>
    );
  }
  return (
    <div className="result-card alert" role="alert" data-testid="register-error">
      <h2>{t('register.error.title')}</h2>
      <p data-testid="register-error-message">{t(registrationErrorKey(props.result))}</p>
      <p>{t('register.error.dataKept')}</p>
      <button type="button" className="button secondary" onClick={props.onRetry}>
        {t('register.edit')}
      </button>
    </div>
  );
}
