/**
 * The workspace's record types by the business's groups (Marketing, Sales, Operations,
 * Care, Management), in the order the pack gives: one click to a board.
 */
import { Link } from '../app/Link.js';
import { useNavigationGroups } from './useNavigationGroups.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';

export function WorkspaceSidebar({ entity, view }: { entity: string; view: 'board' | 'list' | 'new' }) {
  const { w, label } = useWorkText();
  const groups = useNavigationGroups();
  return (
    <nav className="work-sidebar" aria-label={w('nav.groups')}>
      {groups?.map((group) => (
        <section key={group.id} className="work-group" data-group={group.id}>
          <h2>{label(group.labels, group.id)}</h2>
          <ul>
            {group.entities.map((item) => (
              <li key={item.entity}>
                <Link
                  to={view === 'list' ? workPaths.list(item.entity) : workPaths.board(item.entity)}
                  aria-current={item.entity === entity ? 'page' : undefined}
                  data-entity={item.entity}
                >
                  {label(item.labels, item.entity)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
