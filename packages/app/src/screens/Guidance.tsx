/**
 * Guidance after a contact, asking what a call center would ask: symptoms first; without
 * symptoms, whether someone close was infected or had suspicious symptoms. Both paths that
 * need a clinic end with the contacts of the person's prefecture.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page.tsx';
import { PrefectureContacts } from './PrefectureContacts.tsx';

/** Where the person is in the guidance flow. */
export type GuidanceStep = 'symptoms' | 'close' | 'clinic-symptoms' | 'clinic-close' | 'watch';

/** The next step after an answer; the whole decision tree of the flow in one place. */
export function nextGuidanceStep(step: GuidanceStep, answer: boolean): GuidanceStep {
  if (step === 'symptoms') return answer ? 'clinic-symptoms' : 'close';
  if (step === 'close') return answer ? 'clinic-close' : 'watch';
  return step;
}

/** The guidance screen. */
export function Guidance() {
  const { t } = useTranslation();
  const [step, setStep] = useState<GuidanceStep>('symptoms');
  const answer = (yes: boolean): void => setStep(nextGuidanceStep(step, yes));

  return (
    <Page title={t('guidance.title')}>
      {step === 'symptoms' ? (
        <Question text={t('guidance.symptomsQuestion')} onAnswer={answer} />
      ) : null}
      {step === 'close' ? (
        <Question
          text={t('guidance.closeQuestion')}
          help={t('guidance.closeQuestionHelp')}
          onAnswer={answer}
        />
      ) : null}
      {step === 'clinic-symptoms' ? (
        <div data-testid="guidance-clinic">
          <p className="advice">{t('guidance.symptomsAdvice')}</p>
          <p>{t('guidance.negativeNote')}</p>
          <PrefectureContacts />
        </div>
      ) : null}
      {step === 'clinic-close' ? (
        <div data-testid="guidance-clinic">
          <p className="advice">{t('guidance.closeAdvice')}</p>
          <p>{t('guidance.negativeNote')}</p>
          <PrefectureContacts />
        </div>
      ) : null}
      {step === 'watch' ? (
        <div data-testid="guidance-watch">
          <p className="advice">{t('guidance.watchAdvice')}</p>
          <p>{t('guidance.watchAgain')}</p>
          <button type="button" className="button secondary" onClick={() => setStep('symptoms')}>
            {t('guidance.answerAgain')}
          </button>
        </div>
      ) : null}
    </Page>
  );
}

function Question(props: { text: string; help?: string; onAnswer(yes: boolean): void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="question">
      <legend>{props.text}</legend>
      {props.help ? <p className="help">{props.help}</p> : null}
      <div className="actions">
        <button type="button" className="button primary" onClick={() => props.onAnswer(true)}>
          {t('guidance.yes')}
        </button>
        <button type="button" className="button secondary" onClick={() => props.onAnswer(false)}>
          {t('guidance.no')}
        </button>
      </div>
    </fieldset>
  );
}
