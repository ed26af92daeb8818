/** The inbox's messages in the chosen language, plus the workspace's helpers. */
import { fill } from '../i18n/fill.js';
import { useMemo } from 'react';
import { useWorkText } from '../workspace/useWorkText.js';
import { inboxMessages, type InboxKey } from './messages.js';

export function useInboxText() {
  const work = useWorkText();
  return useMemo(() => {
    const dictionary = inboxMessages[work.lang];
    const m = (key: InboxKey, params?: Record<string, string | number>) =>
      fill(dictionary[key], params);
    return { ...work, m };
  }, [work]);
}
