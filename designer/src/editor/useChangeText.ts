/** Words for a change item in the chosen language. */
import { useCallback } from 'react';
import type { Change } from '../model/change-summary.js';
import type { ChangesKey } from './changes/messages.js';
import { useChangesText } from './changes/useChangesText.js';

export function useChangeText(): (change: Change) => string {
  const { c } = useChangesText();
  return useCallback((change: Change) => c(`change.${change.code}` as ChangesKey, change.params), [c]);
}
