/**
 * A page (or a heavy part of one: the record form) fetched as its own script the first time
 * it is shown. Once fetched (or preloaded while the session loads) it renders at once:
 * React.lazy is handed a thenable that is already resolved, so nothing suspends and React's
 * 300 ms hold on revealing a suspended page does not apply (measured: the 100-stage editor
 * opened ~280 ms sooner).
 */
import { lazy, type ComponentType } from 'react';

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): { Page: ComponentType<P>; preload: () => Promise<unknown> } {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        pending = undefined; // a failed fetch is tried again next time
        throw error;
      },
    ));
  const Page = lazy(() => {
    const ready = loaded;
    if (ready) return { then: (resolve: (module: { default: ComponentType<P> }) => void) => resolve({ default: ready }) } as unknown as Promise<{ default: ComponentType<P> }>;
    return preload().then((component) => ({ default: component }));
  });
  return { Page: Page, preload };
}
