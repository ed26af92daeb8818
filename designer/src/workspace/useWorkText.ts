/** The workspace's messages in the chosen language, plus the shell's i18n helpers. */
import { useMemo } from 'react';
import { useI18n } from '../i18n/useI18n.js';
import { workMessages, type WorkKey } from './messages.js';

export function useWorkText() {
  const i18n = useI18n();
  return useMemo(() => {
    const dictionary = workMessages[i18n.lang];
    const w = (key: WorkKey, params?: Record<string, string | number>) =>
      (dictionary[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => String(params?.[name] ?? whole));
    return { ...i18n, w };
  }, [i18n]);
}
