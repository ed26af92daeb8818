/** Give a user a new password (the server then ends their sessions). */
import { useState } from 'react';
import { Dialog } from '../ui/Dialog.js';
import { PasswordField } from './PasswordField.js';
import { onlyErrors, passwordError } from './user-form.js';
import { useAdminText } from './useAdminText.js';
import { useUserSubmit, type UserDialogProps } from './useUserSubmit.js';
import { usersApi } from './users-api.js';

export function PasswordDialog({ user, onCancel, onSaved, onConflict }: UserDialogProps) {
  const { a } = useAdminText();
  const [password, setPassword] = useState('');
  const { box, busy, errors, submit, clear } = useUserSubmit(onConflict);
  const save = () =>
    void submit(
      onlyErrors({ password: passwordError(password, a, user.id) }),
      () => usersApi.update(user.id, { password }),
      onSaved,
    );
  return (
    <Dialog
      title={a('password.title', { id: user.id })}
      onCancel={onCancel}
      onConfirm={save}
      confirmLabel={a('password.submit')}
      confirmDisabled={busy}
    >
      <div ref={box} className="user-form" data-form="password">
        <p className="muted">{a('password.body')}</p>
        <PasswordField
          id="new-password"
          value={password}
          error={errors.password}
          onChange={(next) => (setPassword(next), clear('password'))}
        />
      </div>
    </Dialog>
  );
}
