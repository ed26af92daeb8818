/**
 * Warn before unsaved work is lost: the browser's own prompt when the tab closes or
 * reloads, and the in-app prompt when a link leaves for a path that `leaves` accepts.
 */
import { useEffect, useRef } from 'react';
import { navigation } from './navigation.js';

export function useLeaveGuard(dirty: boolean, leaves: (to: string) => boolean): void {
  const leavesRef = useRef(leaves);
  useEffect(() => {
    leavesRef.current = leaves;
  });
  useEffect(() => {
    if (!dirty) return undefined;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need a returnValue to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const unblock = navigation.block((to) => leavesRef.current(to));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      unblock();
    };
  }, [dirty]);
}
