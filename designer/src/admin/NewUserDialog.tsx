/** Create a user: id, name, roles, team and a first password, checked before it is sent. */
import { useState } from 'react';
import { Dialog } from '../ui/Dialog.js';
import { PasswordField } from './PasswordField.js';
import { ProfileFields, type Profile } from './ProfileFields.js';
import { TextField } from './TextField.js';
import { idError, nameError, onlyErrors, passwordError, rolesError } from './user-form.js';
import { useAdminText } from './useAdminText.js';
import { useUserSubmit } from './useUserSubmit.js';
import { usersApi, type User } from './users-api.js';

export function NewUserDialog({
  onCancel,
  onCreated,
  onConflict,
}: {
  onCancel: () => void;
  onCreated: (user: User) => void;
  onConflict: () => void;
}) {
  const { a } = useAdminText();
  const [id, setId] = useState('');
  const [profile, setProfile] = useState<Profile>({ name: '', roles: [], team: '', email: '', phone: '' });
  const { name, roles, team, email, phone } = profile;
  const [password, setPassword] = useState('');
  const { box, busy, errors, submit, clear } = useUserSubmit(onConflict);

  const create = () =>
    void submit(
      onlyErrors({
        id: idError(id, a),
        name: nameError(name, a),
        roles: rolesError(roles, a),
        password: passwordError(password, a, id),
      }),
      () =>
        usersApi.create({
          id,
          name: name.trim(),
          roles,
          ...(team.trim() ? { team: team.trim() } : {}),
          ...(email.trim() ? { email: email.trim() } : {}),
          ...(phone.trim() ? { phone: phone.trim() } : {}),
          password,
        }),
      onCreated,
    );

  return (
    <Dialog
      title={a('create.title')}
      onCancel={onCancel}
      onConfirm={create}
      confirmLabel={a('create.submit')}
      confirmDisabled={busy}
      wide
    >
      <div ref={box} className="user-form" data-form="new-user">
        <TextField
          id="user-id"
          label={a('field.id')}
          hint={a('field.idHint')}
          error={errors.id}
          value={id}
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => (setId(e.target.value.trim()), clear('id'))}
        />
        <ProfileFields
          idPrefix="user"
          value={profile}
          errors={errors}
          onChange={(field, next) => (setProfile(next), clear(field))}
        />
        <PasswordField
          id="user-password"
          value={password}
          error={errors.password}
          onChange={(next) => (setPassword(next), clear('password'))}
        />
      </div>
    </Dialog>
  );
}
