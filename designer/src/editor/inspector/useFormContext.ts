/** The pickers' choices for generated forms, from the draft. */
import { useMemo } from 'react';
import { useI18n } from '../../i18n/useI18n.js';
import type { Draft } from '../../model/draft.js';
import { eventsInUse } from '../../model/machine-walk.js';
import { listStages } from '../../model/stages.js';
import type { FormContext } from '../forms/form-context.js';

export function useFormContext(draft: Draft): FormContext {
  const { label } = useI18n();
  return useMemo(
    () => ({
      fields: Object.entries(draft.schema.properties ?? {}).map(([key, f]) => ({
        value: key,
        label: label(f['x-labels'], key),
        detail: key,
      })),
      stages: listStages(draft).map((s) => ({
        value: s.path,
        label: label(s.labels, s.path),
        detail: s.path,
      })),
      events: [...eventsInUse(draft.machine)].sort(),
    }),
    [draft, label],
  );
}
