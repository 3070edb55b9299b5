/** The input page of positive registration: consent, number, symptoms and date. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isNumberWellFormed, isOnsetDateAllowed, localIsoDate } from '../registration.ts';

/** What the person has entered so far. */
export interface RegisterDraft {
  consent: boolean;
  number: string;
  /** null until the person answers. */
  hasSymptom: boolean | null;
  /** `YYYY-MM-DD` in the local calendar. */
  date: string;
}

/** Props of `RegisterForm`. */
export interface RegisterFormProps {
  draft: RegisterDraft;
  prefilled: boolean;
  onChange(draft: RegisterDraft): void;
  onNext(): void;
}

/** The form; "next" is enabled once everything needed is present, errors show on submit. */
export function RegisterForm({ draft, prefilled, onChange, onNext }: RegisterFormProps) {
  const { t } = useTranslation();
  const [tried, setTried] = useState(false);
  const numberOk = isNumberWellFormed(draft.number);
  const dateOk = isOnsetDateAllowed(draft.date, Date.now());
  const set = (patch: Partial<RegisterDraft>): void => onChange({ ...draft, ...patch });

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTried(true);
    if (draft.consent && numberOk && dateOk && draft.hasSymptom !== null) onNext();
  };

  return (
    <form onSubmit={submit} noValidate>
      <p>{t('register.intro')}</p>
      <fieldset>
        <legend>{t('register.consentTitle')}</legend>
        <ul className="checklist">
          <li>{t('register.consent1')}</li>
          <li>{t('register.consent2')}</li>
          <li>{t('register.consent3')}</li>
        </ul>
        <div className="check-row">
          <input
            id="register-consent"
            type="checkbox"
            checked={draft.consent}
            onChange={(e) => set({ consent: e.target.checked })}
          />
          <label htmlFor="register-consent">{t('register.consentCheck')}</label>
        </div>
      </fieldset>

      <div className="field">
        <label htmlFor="register-number">{t('register.numberLabel')}</label>
        <p id="register-number-help" className="help">
          {prefilled ? t('register.numberPrefilled') : t('register.numberHelp')}
        </p>
        <input
          id="register-number"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={draft.number}
          aria-invalid={tried && !numberOk}
          aria-describedby={`register-number-help${tried && !numberOk ? ' register-number-error' : ''}`}
          onChange={(e) => set({ number: e.target.value })}
        />
        {tried && !numberOk ? (
          <p id="register-number-error" className="error">
            {t('register.numberInvalid')}
          </p>
        ) : null}
      </div>

      <fieldset>
        <legend>{t('register.symptomsLabel')}</legend>
        {[true, false].map((value) => (
          <div className="check-row" key={String(value)}>
            <input
              id={`register-symptom-${value}`}
              type="radio"
              name="symptom"
              checked={draft.hasSymptom === value}
              onChange={() => set({ hasSymptom: value })}
            />
            <label htmlFor={`register-symptom-${value}`}>
              {t(value ? 'register.symptomsYes' : 'register.symptomsNo')}
            </label>
          </div>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor="register-date">
          {t(draft.hasSymptom === false ? 'register.testDateLabel' : 'register.onsetLabel')}
        </label>
        <input
          id="register-date"
          type="date"
          value={draft.date}
          max={localIsoDate(Date.now())}
          aria-invalid={tried && !dateOk}
          onChange={(e) => set({ date: e.target.value })}
        />
        {tried && !dateOk ? <p className="error">{t('register.dateInvalid')}</p> : null}
      </div>

      <button
        type="submit"
        className="button primary"
        disabled={!draft.consent || draft.hasSymptom === null}
      >
        {t('app.next')}
      </button>
    </form>
  );
}
