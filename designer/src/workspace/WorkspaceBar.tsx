/** Above a pipeline's pages: its name, board or list, and a new record (the sidebar picks the pipeline). */
import { Link } from '../app/Link.js';
import type { Labels } from '../model/pack-types.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';

export interface WorkspaceBarProps {
  entity: string;
  labels: Labels;
  view: 'board' | 'list' | 'new' | 'record';
}

export function WorkspaceBar({ entity, labels, view }: WorkspaceBarProps) {
  const { w, label } = useWorkText();
  return (
    <div className="work-bar">
      <h1 className="work-title">{label(labels, entity)}</h1>
      <nav className="segmented" aria-label={label(labels, entity)}>
        <Link to={workPaths.board(entity)} aria-current={view === 'board' ? 'page' : undefined}>
          {w('view.board')}
        </Link>
        <Link to={workPaths.list(entity)} aria-current={view === 'list' ? 'page' : undefined}>
          {w('view.list')}
        </Link>
      </nav>
      <Link to={workPaths.create(entity)} className="btn btn-primary work-new">
        + {w('record.new')}
      </Link>
    </div>
  );
}
