/** A vi/en label pair: two text inputs side by side. */
import { useId } from 'react';
import { useI18n } from '../i18n/useI18n.js';
import type { Labels } from '../model/pack-types.js';

export interface LabelsInputProps {
  legend: string;
  value: Labels;
  onChange: (value: Labels) => void;
  /** Name prefix for test ids and accessibility. */
  name?: string;
}

export function LabelsInput({ legend, value, onChange, name }: LabelsInputProps) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="labels-input">
      <legend>{legend}</legend>
      {(['vi', 'en'] as const).map((lang) => (
        <label key={lang} className="labels-input-item" htmlFor={`${id}-${lang}`}>
          <span className="lang-tag">{lang.toUpperCase()}</span>
          <input
            id={`${id}-${lang}`}
            name={name ? `${name}-${lang}` : undefined}
            aria-label={`${legend} (${lang === 'vi' ? t('lang.vi') : t('lang.en')})`}
            value={value[lang]}
            onChange={(e) => onChange({ ...value, [lang]: e.target.value })}
          />
        </label>
      ))}
    </fieldset>
  );
}
