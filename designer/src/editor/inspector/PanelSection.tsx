/**
 * A section of the side panel whose heading folds it away (a button: keyboard and screen
 * readers included). What an admin folded stays folded on every stage and pipeline, kept
 * in this browser.
 */
import { useState, type ReactNode } from 'react';

const KEY = 'tourflow.panel.closed';

function closedSections(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

export function PanelSection({ id, title, children, ...rest }: { id: string; title: ReactNode; children?: ReactNode } & Record<`data-${string}`, string | undefined>) {
  const [open, setOpen] = useState(() => !closedSections().has(id));
  const toggle = () => {
    const closed = closedSections();
    if (open) closed.add(id);
    else closed.delete(id);
    localStorage.setItem(KEY, JSON.stringify([...closed]));
    setOpen(!open);
  };
  return (
    <section className={`panel-section${open ? '' : ' panel-section-closed'}`} data-section-id={id} {...rest}>
      <h3>
        <button type="button" className="panel-toggle" aria-expanded={open} onClick={toggle}>
          <span className="panel-toggle-mark" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {title}
        </button>
      </h3>
      {open && children}
    </section>
  );
}
