/**
 * First start (and every start after the terms or privacy policy changed): what the app does
 * and does not do, consent to both documents, then the recording and notification choices.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app-context.tsx';
import { Page } from '../components/Page.tsx';
import { Switch } from '../components/Switch.tsx';
import { CURRENT_VERSIONS } from '../legal/versions.ts';
import { LegalDocument } from './Legal.tsx';
import { requestNotificationPermission } from '../notify.ts';

type Step = 'intro' | 'consent' | 'permissions';

/**
 * Why onboarding runs: a first start (all steps), changed documents (consent with a notice),
 * or preferences reset after damage (consent only; the engine kept its own settings).
 */
export type OnboardingMode = 'first' | 'updated' | 'restored';

/** The onboarding flow; a returning person goes straight to consent. */
export function Onboarding({ mode }: { mode: OnboardingMode }) {
  const { t } = useTranslation();
  const updateOnly = mode !== 'first';
  const [step, setStep] = useState<Step>(updateOnly ? 'consent' : 'intro');
  const steps: Step[] = updateOnly ? ['consent'] : ['intro', 'consent', 'permissions'];
  const position = t('onboarding.step', { current: steps.indexOf(step) + 1, total: steps.length });

  if (step === 'intro') {
    return (
      <Page title={t('onboarding.introTitle')}>
        <p className="step">{position}</p>
        <p className="lead">{t('onboarding.introLead')}</p>
        <ul className="checklist">
          <li>{t('onboarding.does1')}</li>
          <li>{t('onboarding.does2')}</li>
          <li>{t('onboarding.does3')}</li>
        </ul>
        <h2>{t('onboarding.doesNotTitle')}</h2>
        <ul className="crosslist">
          <li>{t('onboarding.doesNot1')}</li>
          <li>{t('onboarding.doesNot2')}</li>
          <li>{t('onboarding.doesNot3')}</li>
        </ul>
        <button type="button" className="button primary" onClick={() => setStep('consent')}>
          {t('app.next')}
        </button>
      </Page>
    );
  }
  if (step === 'consent') {
    return (
      <ConsentStep
        position={position}
        updateOnly={updateOnly}
        showUpdated={mode === 'updated'}
        onDone={() => setStep('permissions')}
      />
    );
  }
  return <PermissionsStep position={position} />;
}

function ConsentStep(props: {
  position: string;
  updateOnly: boolean;
  showUpdated: boolean;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { updatePrefs } = useApp();
  const [terms, setTerms] = useState(false);
  const [privacy, setPrivacy] = useState(false);

  const agree = (): void => {
    updatePrefs({ consent: { ...CURRENT_VERSIONS } });
    // A returning person already chose recording and notifications; the shell moves on.
    if (!props.updateOnly) props.onDone();
  };

  return (
    <Page title={t('onboarding.consentTitle')}>
      <p className="step">{props.position}</p>
      {props.showUpdated ? (
        <p className="notice" role="status">
          {t('onboarding.consentUpdated')}
        </p>
      ) : null}
      <p>{t('onboarding.consentLead')}</p>
      <details className="document">
        <summary>{t('onboarding.readTerms', { version: CURRENT_VERSIONS.terms })}</summary>
        <LegalDocument kind="terms" />
      </details>
      <details className="document">
        <summary>{t('onboarding.readPrivacy', { version: CURRENT_VERSIONS.privacy })}</summary>
        <LegalDocument kind="privacy" />
      </details>
      <div className="check-row">
        <input
          id="agree-terms"
          type="checkbox"
          checked={terms}
          onChange={(e) => setTerms(e.target.checked)}
        />
        <label htmlFor="agree-terms">{t('onboarding.agreeTerms')}</label>
      </div>
      <div className="check-row">
        <input
          id="agree-privacy"
          type="checkbox"
          checked={privacy}
          onChange={(e) => setPrivacy(e.target.checked)}
        />
        <label htmlFor="agree-privacy">{t('onboarding.agreePrivacy')}</label>
      </div>
      <button
        type="button"
        className="button primary"
        disabled={!terms || !privacy}
        onClick={agree}
      >
        {t('onboarding.agreeButton')}
      </button>
    </Page>
  );
}

function PermissionsStep({ position }: { position: string }) {
  const { t } = useTranslation();
  const { startDevice, updatePrefs } = useApp();
  const [recording, setRecording] = useState(true);
  const [notifications, setNotifications] = useState(true);
  const [denied, setDenied] = useState(false);
  const [busy, setBusy] = useState(false);

  const toggleNotifications = async (on: boolean): Promise<void> => {
    setNotifications(on);
    if (!on) return setDenied(false);
    const answer = await requestNotificationPermission();
    setDenied(answer !== 'granted');
  };

  const start = async (): Promise<void> => {
    setBusy(true);
    await startDevice({ recording, notifications });
    updatePrefs({ onboarded: true });
  };

  return (
    <Page title={t('onboarding.permissionsTitle')}>
      <p className="step">{position}</p>
      <p>{t('onboarding.permissionsLead')}</p>
      <Switch
        label={t('onboarding.recordingLabel')}
        help={t('onboarding.recordingHelp')}
        checked={recording}
        onChange={setRecording}
      />
      <Switch
        label={t('onboarding.notificationsLabel')}
        help={t('onboarding.notificationsHelp')}
        checked={notifications}
        onChange={(on) => void toggleNotifications(on)}
      />
      {denied ? (
        <p className="warning" role="alert">
          {t('onboarding.notificationsDenied')}
        </p>
      ) : null}
      <button type="button" className="button primary" disabled={busy} onClick={() => void start()}>
        {t('onboarding.start')}
      </button>
    </Page>
  );
}
