/** Words for a change item in the chosen language. */
import { useCallback } from 'react';
import type { MessageKey } from '../i18n/messages-en.js';
import { useI18n } from '../i18n/useI18n.js';
import type { Change } from '../model/change-summary.js';

export function useChangeText(): (change: Change) => string {
  const { t } = useI18n();
  return useCallback((change: Change) => t(`change.${change.code}` as MessageKey, change.params), [t]);
}
