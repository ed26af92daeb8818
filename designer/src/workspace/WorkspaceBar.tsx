/** Above a pipeline's pages: which pipeline, board or list, and a new record. */
import { Link } from '../app/Link.js';
import { navigation } from '../app/navigation.js';
import type { Labels } from '../model/pack-types.js';
import { useEntityList } from './useEntityList.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';

export interface WorkspaceBarProps {
  entity: string;
  labels: Labels;
  view: 'board' | 'list' | 'new' | 'record';
}

export function WorkspaceBar({ entity, labels, view }: WorkspaceBarProps) {
  const { w, label } = useWorkText();
  const entities = useEntityList();
  const options = entities.length > 0 ? entities : [{ entity, labels }];
  const sorted = [...options].sort((a, b) => label(a.labels, a.entity).localeCompare(label(b.labels, b.entity)));
  return (
    <div className="work-bar">
      <label className="work-entity">
        <span className="sr-only">{w('entity.pick')}</span>
        <select
          value={entity}
          aria-label={w('entity.pick')}
          onChange={(e) => navigation.navigate(view === 'list' ? workPaths.list(e.target.value) : workPaths.board(e.target.value))}
        >
          {sorted.map((item) => (
            <option key={item.entity} value={item.entity}>
              {label(item.labels, item.entity)}
            </option>
          ))}
        </select>
      </label>
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
