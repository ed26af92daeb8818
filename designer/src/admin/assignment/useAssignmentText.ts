/** The assignment page's messages in the chosen language, plus the shell's helpers. */
import { useMemo } from 'react';
import { fill } from '../../i18n/fill.js';
import { useI18n } from '../../i18n/useI18n.js';
import { assignmentMessages, type AssignmentKey } from './messages.js';

export function useAssignmentText() {
  const i18n = useI18n();
  return useMemo(() => {
    const dictionary = assignmentMessages[i18n.lang];
    const s = (key: AssignmentKey, params?: Record<string, string | number>) => fill(dictionary[key], params);
    return { ...i18n, s };
  }, [i18n]);
}
