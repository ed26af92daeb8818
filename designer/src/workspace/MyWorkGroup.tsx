/** One group of My work: a heading with its count, its items, or what it says when empty. */
import { useId, type ReactNode } from 'react';

export interface MyWorkGroupProps {
  kind: 'overdue' | 'today' | 'later' | 'coming';
  title: string;
  count: number;
  empty: string;
  children: ReactNode;
}

export function MyWorkGroup({ kind, title, count, empty, children }: MyWorkGroupProps) {
  const headingId = useId();
  const alarming = kind === 'overdue' && count > 0;
  return (
    <section
      className={`work-group${alarming ? ' work-group-alarm' : ''}`}
      data-group={kind}
      aria-labelledby={headingId}
    >
      <h2 className="work-group-head" id={headingId}>
        {title} <span className={`count${alarming ? ' count-error' : ''}`}>{count}</span>
      </h2>
      {count === 0 ? (
        <p className="panel muted work-group-empty">{empty}</p>
      ) : (
        <ul className="inbox">{children}</ul>
      )}
    </section>
  );
}
