/** Live validation: the engine's validate endpoint, called shortly after the draft stops changing. */
import { useEffect, useState } from 'react';
import { isAbort } from '../api/client.js';
import { designerApi } from '../api/designer-api.js';
import type { Draft } from '../model/draft.js';
import type { Issue } from '../model/issues.js';

const DEBOUNCE_MS = 350;

export interface Validation {
  issues: Issue[];
  /** A check is under way (or waiting for the edits to settle). */
  checking: boolean;
  /** The last check could not be made (network, server). */
  failed?: string;
}

export function useValidation(entity: string, draft: Draft): Validation {
  const [state, setState] = useState<Validation>({ issues: [], checking: true });
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      designerApi.validate(entity, draft, controller.signal).then(
        (result) => setState({ issues: result.issues, checking: false }),
        (error: unknown) => {
          if (!isAbort(error))
            setState((s) => ({
              ...s,
              checking: false,
              failed: error instanceof Error ? error.message : String(error),
            }));
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [entity, draft]);
  return state;
}
