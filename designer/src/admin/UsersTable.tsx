/** The users as a table: who they are, their roles and team, whether they may sign in, and what an admin can do. */
import { useAdminText } from './useAdminText.js';
import type { User } from './users-api.js';

export type UserAction = 'edit' | 'password' | 'disable' | 'enable';

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
                  {user.disabled ? a('status.disabled') : a('status.active')}
                </span>
              </td>
              <td className="cell-actions">
                <button
                  type="button"
                  className="btn btn-sm"
                  data-action="edit"
                  aria-label={a('action.editOf', { id: user.id })}
                  onClick={() => onAction('edit', user)}
                >
                  {a('action.edit')}
                </button>
                <button
                  type="button"
                  className="btn btn-sm"
                  data-action="password"
                  aria-label={a('action.passwordOf', { id: user.id })}
                  onClick={() => onAction('password', user)}
                >
                  {a('action.password')}
                </button>
                {user.id !== me &&
                  (user.disabled ? (
                    <button
                      type="button"
                      className="btn btn-sm"
                      data-action="enable"
                      aria-label={a('action.enableOf', { id: user.id })}
                      onClick={() => onAction('enable', user)}
                    >
                      {a('action.enable')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-sm btn-danger-ghost"
                      data-action="disable"
                      aria-label={a('action.disableOf', { id: user.id })}
                      onClick={() => onAction('disable', user)}
                    >
                      {a('action.disable')}
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
