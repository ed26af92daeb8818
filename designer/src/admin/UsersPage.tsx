/**
 * Users (admins only): the list, and dialogs to create a user, change roles and team,
 * reset a password, and disable or enable an account. Everything goes through
 * `/api/users`; the list reloads after each change.
 */
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { messageOf } from '../api/loadable.js';
import { session } from '../app/session.js';
import { Dialog } from '../ui/Dialog.js';
import { useToast } from '../ui/useToast.js';
import { EditUserDialog } from './EditUserDialog.js';
import { NewUserDialog } from './NewUserDialog.js';
import { PasswordDialog } from './PasswordDialog.js';
import { useAdminText } from './useAdminText.js';
import { useUsers } from './useUsers.js';
import { usersApi, type User } from './users-api.js';
import { UsersTable, type UserAction } from './UsersTable.js';
import './admin.css';

type Open = { kind: 'create' } | { kind: Exclude<UserAction, 'enable'>; user: User } | undefined;

export function UsersPage({ me }: { me: string }) {
  const { a, t } = useAdminText();
  const toast = useToast();
  const { users, reload } = useUsers();
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  const conflict = () => (close(), reload());
  const done = (message: string) => {
    close();
    reload();
    toast(message, 'success');
  };

  const setDisabled = async (user: User, disabled: boolean) => {
    try {
      await usersApi.update(user.id, { disabled, version: user.version });
      done(a(disabled ? 'disable.done' : 'enable.done', { id: user.id }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version-conflict') toast(a('conflict'), 'error');
      else toast(messageOf(error), 'error');
      conflict();
    }
  };

  const onAction = (action: UserAction, user: User) => {
    if (action === 'enable') void setDisabled(user, false);
    else setOpen({ kind: action, user });
  };

  return (
    <main className="page users-page" data-page="users">
      <div className="page-head users-head">
        <div>
          <h1>{a('users.title')}</h1>
          <p className="muted">{a('users.subtitle')}</p>
        </div>
        <button
          type="button"
          className="btn btn-primary"
          data-action="new-user"
          onClick={() => setOpen({ kind: 'create' })}
        >
          {a('users.new')}
        </button>
      </div>
      {users.status === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {users.status === 'error' && (
        <p role="alert">
          {t('common.loadFailed', { message: users.message })}{' '}
          <button type="button" className="btn btn-sm" onClick={reload}>
            {t('common.retry')}
          </button>
        </p>
      )}
      {users.status === 'ready' &&
        (users.value.length === 0 ? (
          <p className="muted">{a('users.empty')}</p>
        ) : (
          <UsersTable users={users.value} me={me} onAction={onAction} />
        ))}
      {open?.kind === 'create' && (
        <NewUserDialog
          onCancel={close}
          onConflict={conflict}
          onCreated={(user) => done(a('create.done', { id: user.id }))}
        />
      )}
      {open?.kind === 'edit' && (
        <EditUserDialog
          user={open.user}
          onCancel={close}
          onConflict={conflict}
          onSaved={(user) => {
            // The header shows the signed-in user's name and roles: refresh them after a change to oneself.
            if (user.id === me) void session.load();
            done(a('edit.done', { id: user.id }));
          }}
        />
      )}
      {open?.kind === 'password' && (
        <PasswordDialog
          user={open.user}
          onCancel={close}
          onConflict={conflict}
          onSaved={(user) => done(a('password.done', { id: user.id }))}
        />
      )}
      {open?.kind === 'disable' && (
        <Dialog
          title={a('disable.title', { id: open.user.id })}
          onCancel={close}
          onConfirm={() => void setDisabled(open.user, true)}
          confirmLabel={a('disable.submit')}
          danger
        >
          <p>{a('disable.body', { name: open.user.name })}</p>
        </Dialog>
      )}
    </main>
  );
}
