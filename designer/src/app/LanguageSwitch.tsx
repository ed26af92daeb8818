/** Vietnamese / English switch: a two-option radio group. */
import { useI18n } from '../i18n/useI18n.js';
import type { Lang } from '../model/draft.js';

const LANGS: Lang[] = ['vi', 'en'];

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch" role="radiogroup" aria-label={t('header.language')}>
      {LANGS.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={lang === option}
          className={lang === option ? 'active' : ''}
          title={t(option === 'vi' ? 'lang.vi' : 'lang.en')}
          onClick={() => setLang(option)}
        >
          {option.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
