/** The workspace's messages in the chosen language, plus the shell's i18n helpers. */
import { fill } from '../i18n/fill.js';
import { useMemo } from 'react';
import { useI18n } from '../i18n/useI18n.js';
import { workMessages, type WorkKey } from './messages.js';

export function useWorkText() {
  const i18n = useI18n();
  return useMemo(() => {
    const dictionary = workMessages[i18n.lang];
    const w = (key: WorkKey, params?: Record<string, string | number>) =>
      fill(dictionary[key] ?? key, params);
    return { ...i18n, w };
  }, [i18n]);
}
