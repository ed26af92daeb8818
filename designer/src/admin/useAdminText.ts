/** The admin pages' messages in the chosen language, plus the shell's i18n helpers. */
import { fill } from '../i18n/fill.js';
import { useMemo } from 'react';
import { useI18n } from '../i18n/useI18n.js';
import { adminMessages, type AdminKey } from './messages.js';

export function useAdminText() {
  const i18n = useI18n();
  return useMemo(() => {
    const dictionary = adminMessages[i18n.lang];
    const a = (key: AdminKey, params?: Record<string, string | number>) =>
      fill(dictionary[key], params);
    return { ...i18n, a };
  }, [i18n]);
}
