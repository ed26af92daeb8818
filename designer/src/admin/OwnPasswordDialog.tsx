/** Change one's own password: the current one, then the new one (other sessions end). */
import { useState } from 'react';
import { Dialog } from '../ui/Dialog.js';
import { useToast } from '../ui/useToast.js';
import { PasswordField } from './PasswordField.js';
import { TextField } from './TextField.js';
import { onlyErrors, passwordError } from './user-form.js';
import { useAdminText } from './useAdminText.js';
import { useUserSubmit } from './useUserSubmit.js';
import { usersApi } from './users-api.js';
import './admin.css';

export function OwnPasswordDialog({ userId, onClose }: { userId: string; onClose: () => void }) {
  const { a } = useAdminText();
  const toast = useToast();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const { box, busy, errors, submit, clear } = useUserSubmit(onClose);
  const save = () =>
    void submit(
      onlyErrors({
        currentPassword: current === '' ? a('error.currentRequired') : undefined,
        password: passwordError(password, a, userId) ?? (password === current ? a('error.passwordSame') : undefined),
      }),
      () => usersApi.changeOwnPassword(current, password),
      () => {
        toast(a('own.done'), 'success');
        onClose();
      },
    );
  return (
    <Dialog title={a('own.title')} onCancel={onClose} onConfirm={save} confirmLabel={a('own.submit')} confirmDisabled={busy}>
      <div ref={box} className="user-form" data-form="own-password">
        <p className="muted">{a('own.body')}</p>
        <TextField
          id="current-password"
          label={a('own.current')}
          error={errors.currentPassword}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => (setCurrent(e.target.value), clear('currentPassword'))}
        />
        <PasswordField
          id="own-new-password"
          label={a('own.new')}
          value={password}
          error={errors.password}
          onChange={(next) => (setPassword(next), clear('password'))}
        />
      </div>
    </Dialog>
  );
}
