/** The users as a table: who they are, their roles and team, whether they may sign in, and what an admin can do. */
import { useAdminText } from './useAdminText.js';
import type { User } from './users-api.js';

export type UserAction = 'edit' | 'password' | 'disable' | 'enable';

/** What an admin may do to a user: edit, reset the password, and (not to themselves) disable or enable. */
function actionsFor(user: User, me: string): UserAction[] {
  if (user.id === me) return ['edit', 'password'];
  return ['edit', 'password', user.disabled ? 'enable' : 'disable'];
}

export function UsersTable({
  users,
  me,
  onAction,
}: {
  users: User[];
  me: string;
  onAction: (action: UserAction, user: User) => void;
}) {
  const { a, t } = useAdminText();
  return (
    <div className="table-wrap panel users-table-wrap">
      <table className="users-table" aria-label={a('users.tableLabel')}>
        <thead>
          <tr>
            <th scope="col">{a('col.id')}</th>
            <th scope="col">{a('col.name')}</th>
            <th scope="col">{a('col.roles')}</th>
            <th scope="col">{a('col.team')}</th>
            <th scope="col">{a('col.status')}</th>
            <th scope="col">
              <span className="sr-only">{a('col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-user={user.id} className={user.disabled ? 'user-disabled' : undefined}>
              <th scope="row" className="mono">
                {user.id} {user.id === me && <span className="muted">{a('users.you')}</span>}
              </th>
              <td>{user.name}</td>
              <td>
                <ul className="role-list">
                  {user.roles.map((role) => (
                    <li key={role} className={`role-chip role-${role}`}>
                      {t(`role.${role}`)}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{user.team ?? <span className="muted">—</span>}</td>
              <td>
                <span className={`user-status ${user.disabled ? 'user-status-off' : 'user-status-on'}`}>
                  {user.disabled ? a('status.disabled') : user.away ? a('status.away') : a('status.active')}
                </span>
              </td>
              <td className="cell-actions">
                {actionsFor(user, me).map((action) => (
                  <button
                    key={action}
                    type="button"
                    className={action === 'disable' ? 'btn btn-sm btn-danger-ghost' : 'btn btn-sm'}
                    data-action={action}
                    aria-label={a(`action.${action}Of`, { id: user.id })}
                    onClick={() => onAction(action, user)}
                  >
                    {a(`action.${action}`)}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
