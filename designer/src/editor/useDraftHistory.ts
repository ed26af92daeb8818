/**
 * The draft with undo and redo. Changes that share a `coalesce` key within a second
 * (typing in one input) make one undo step.
 */
import { useCallback, useMemo, useReducer } from 'react';
import type { Draft } from '../model/draft.js';

const LIMIT = 200;
const COALESCE_MS = 1000;

interface HistoryState {
  past: Draft[];
  present: Draft;
  future: Draft[];
  lastKey?: string;
  lastAt: number;
}

type HistoryAction =
  | { type: 'apply'; change: (d: Draft) => Draft; coalesce?: string; at: number }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; draft: Draft };

function reduce(state: HistoryState, action: HistoryAction): HistoryState {
  switch (action.type) {
    case 'apply': {
      const next = action.change(state.present);
      if (next === state.present) return state;
      const merge =
        action.coalesce !== undefined &&
        action.coalesce === state.lastKey &&
        action.at - state.lastAt < COALESCE_MS;
      const past = merge ? state.past : [...state.past, state.present].slice(-LIMIT);
      return { past, present: next, future: [], lastKey: action.coalesce, lastAt: action.at };
    }
    case 'undo': {
      const previous = state.past[state.past.length - 1];
      if (!previous) return state;
      return {
        past: state.past.slice(0, -1),
        present: previous,
        future: [state.present, ...state.future],
        lastAt: 0,
      };
    }
    case 'redo': {
      const [next, ...rest] = state.future;
      if (!next) return state;
      return { past: [...state.past, state.present], present: next, future: rest, lastAt: 0 };
    }
    case 'reset':
      return { past: [], present: action.draft, future: [], lastAt: 0 };
  }
}

export interface DraftHistory {
  draft: Draft;
  apply: (change: (d: Draft) => Draft, coalesce?: string) => void;
  undo: () => void;
  redo: () => void;
  reset: (draft: Draft) => void;
  canUndo: boolean;
  canRedo: boolean;
}

export function useDraftHistory(initial: Draft): DraftHistory {
  const [state, dispatch] = useReducer(reduce, undefined, () => ({
    past: [],
    present: initial,
    future: [],
    lastAt: 0,
  }));
  const apply = useCallback(
    (change: (d: Draft) => Draft, coalesce?: string) =>
      dispatch({ type: 'apply', change, coalesce, at: Date.now() }),
    [],
  );
  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);
  const reset = useCallback((draft: Draft) => dispatch({ type: 'reset', draft }), []);
  return useMemo(
    () => ({
      draft: state.present,
      apply,
      undo,
      redo,
      reset,
      canUndo: state.past.length > 0,
      canRedo: state.future.length > 0,
    }),
    [state, apply, undo, redo, reset],
  );
}
