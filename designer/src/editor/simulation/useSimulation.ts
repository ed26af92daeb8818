/** Run the simulation on the server whenever the draft, the start or the steps change. */
import { useEffect, useState } from 'react';
import { isAbort } from '../../api/client.js';
import { designerApi, type SimulationRequest, type SimulationResult } from '../../api/designer-api.js';
import { messageOf } from '../../api/loadable.js';
import type { Draft } from '../../model/draft.js';

export interface SimulationState {
  result?: SimulationResult;
  running: boolean;
  error?: string;
}

export function useSimulation(
  entity: string,
  draft: Draft,
  input: SimulationRequest,
  enabled: boolean,
): SimulationState {
  const [state, setState] = useState<SimulationState>({ running: false });
  const key = JSON.stringify(input);
  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    setState((s) => ({ ...s, running: true }));
    const timer = setTimeout(() => {
      designerApi.simulate(entity, draft, JSON.parse(key) as SimulationRequest, controller.signal).then(
        (result) => setState({ result, running: false }),
        (error: unknown) => !isAbort(error) && setState({ running: false, error: messageOf(error) }),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [entity, draft, key, enabled]);
  return state;
}
