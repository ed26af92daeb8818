/** The change flow's messages in the chosen language, plus the shell's i18n helpers. */
import { useMemo } from 'react';
import { fill } from '../../i18n/fill.js';
import { useI18n } from '../../i18n/useI18n.js';
import { changesMessages, type ChangesKey } from './messages.js';

export function useChangesText() {
  const i18n = useI18n();
  return useMemo(() => {
    const dictionary = changesMessages[i18n.lang];
    const c = (key: ChangesKey, params?: Record<string, string | number>) => fill(dictionary[key], params);
    return { ...i18n, c };
  }, [i18n]);
}
