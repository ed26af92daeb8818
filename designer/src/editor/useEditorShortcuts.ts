/**
 * Editor keys: Ctrl+Z undo, Ctrl+Shift+Z / Ctrl+Y redo, Ctrl+S save, Delete or Backspace
 * delete the selection (when the focus is on the graph), Escape clear it. Inactive while
 * a dialog is open; Escape leaves text fields alone.
 */
import { useEffect, useRef } from 'react';

export interface EditorShortcuts {
  undo: () => void;
  redo: () => void;
  save: () => void;
  deleteSelection: () => void;
  clearSelection: () => void;
}

/** Delete acts on the graph's selection only while the graph (or nothing) has the focus. */
function onGraph(target: EventTarget | null): boolean {
  return (
    target === document.body || (target instanceof HTMLElement && target.closest('.react-flow') !== null)
  );
}

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useEditorShortcuts(shortcuts: EditorShortcuts): void {
  const ref = useRef(shortcuts);
  useEffect(() => {
    ref.current = shortcuts;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('[role="dialog"]')) return;
      const s = ref.current;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) s.redo();
        else s.undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        s.redo();
      } else if (mod && key === 's') {
        event.preventDefault();
        s.save();
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && !mod && onGraph(event.target)) {
        event.preventDefault();
        s.deleteSelection();
      } else if (event.key === 'Escape' && !typing(event.target)) {
        s.clearSelection();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
