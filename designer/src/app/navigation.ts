/**
 * A small client-side router over the History API, with navigation blockers: while a
 * blocker says a path change would lose work, the change waits for the user to confirm
 * (see NavigationPrompt). Routes are matched in routes.ts.
 */
type Blocker = (to: string) => boolean;
type Listener = () => void;

interface NavigationState {
  path: string;
  /** A navigation waiting for confirmation. */
  pending?: string;
}

let state: NavigationState = { path: location.pathname + location.search };
const listeners = new Set<Listener>();
const blockers = new Set<Blocker>();

function set(next: NavigationState): void {
  state = next;
  for (const listener of listeners) listener();
}

function blocked(to: string): boolean {
  return [...blockers].some((b) => b(to));
}

function go(to: string, replace: boolean): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  set({ path: to });
  window.scrollTo(0, 0);
}

export const navigation = {
  get: (): NavigationState => state,
  subscribe: (listener: Listener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Go to `to`, unless a blocker objects: then ask first. */
  navigate: (to: string, options: { replace?: boolean; force?: boolean } = {}): void => {
    if (to === state.path) return;
    if (!options.force && blocked(to)) {
      set({ ...state, pending: to });
      return;
    }
    go(to, options.replace ?? false);
  },
  confirm: (): void => {
    if (state.pending !== undefined) go(state.pending, false);
  },
  cancel: (): void => {
    set({ path: state.path });
  },
  /** Register a blocker; returns its removal. */
  block: (blocker: Blocker): (() => void) => {
    blockers.add(blocker);
    return () => blockers.delete(blocker);
  },
};

// Back/forward: the browser has already moved; undo that while confirmation is pending.
window.addEventListener('popstate', () => {
  const to = location.pathname + location.search;
  if (blocked(to)) {
    history.pushState(null, '', state.path);
    set({ ...state, pending: to });
    return;
  }
  set({ path: to });
});
