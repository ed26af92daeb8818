/** The chosen language (vi or en), kept per browser, and the translation functions. */
import { fill } from './fill.js';
import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { labelIn, type Lang } from '../model/draft.js';
import type { Labels } from '../model/pack-types.js';
import { formatDate, formatDateTime, formatMoney, formatNumber } from './format.js';
import { initialLang, LANG_STORAGE_KEY } from './initial-lang.js';
import { en, type MessageKey } from './messages-en.js';
import { vi } from './messages-vi.js';

const dictionaries: Record<Lang, Partial<Record<MessageKey, string>>> = { en, vi };

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** A message with `{name}` placeholders filled in. */
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** The message of a key built at run time, when there is one. */
  maybe: (key: string) => string | undefined;
  /** A vi/en label in the chosen language. */
  label: (labels: Partial<Labels> | undefined, fallback?: string) => string;
  /** An instant as date and time (02/12/2026 14:30; 2 Dec 2026 2:30 pm), in the business time zone. */
  formatDate: (iso: string) => string;
  /** A calendar day or the day of an instant (02/12/2026; 2 Dec 2026). */
  formatDay: (value: string) => string;
  /** A number with the language's grouping (12.500.000; 12,500,000). */
  formatNumber: (value: number) => string;
  /** VND (12.500.000 ₫; ₫12,500,000). */
  formatMoney: (value: number) => string;
}

export const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const dictionary = dictionaries[lang];
    return {
      lang,
      setLang,
      t: (key, params) => {
        const one = `${key}_one` as MessageKey;
        const text = (params?.count === 1 ? dictionary[one] : undefined) ?? dictionary[key] ?? en[key];
        return fill(text, params);
      },
      maybe: (key) => (Object.hasOwn(dictionary, key) ? dictionary[key as MessageKey] : undefined),
      label: (labels, fallback = '') => labelIn(labels, lang, fallback),
      formatDate: (iso) => formatDateTime(iso, lang),
      formatDay: (value) => formatDate(value, lang),
      formatNumber: (value) => formatNumber(value, lang),
      formatMoney: (value) => formatMoney(value, lang),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
