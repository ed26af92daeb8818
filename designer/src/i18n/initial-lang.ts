/** The language the app opens in: the one chosen in this browser, else the browser's own (Vietnamese unless English). */
import type { Lang } from '../model/draft.js';

export const LANG_STORAGE_KEY = 'tourflow.lang';

export function initialLang(): Lang {
  const stored = localStorage.getItem(LANG_STORAGE_KEY);
  if (stored === 'vi' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'vi';
}
