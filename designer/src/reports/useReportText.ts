/** The reports pages' messages in the chosen language, plus the workspace's helpers. */
import { useMemo } from 'react';
import { fill } from '../i18n/fill.js';
import { useWorkText } from '../workspace/useWorkText.js';
import { reportMessages, type ReportKey } from './messages.js';

export function useReportText() {
  const work = useWorkText();
  return useMemo(() => {
    const dictionary = reportMessages[work.lang];
    const r = (key: ReportKey, params?: Record<string, string | number>) => fill(dictionary[key], params);
    return { ...work, r };
  }, [work]);
}
