/** Change a user's name, roles and team; only what changed is sent, with the version it was read at. */
import { useState } from 'react';
import type { Role } from '../app/session.js';
import { Dialog } from '../ui/Dialog.js';
import { RoleCheckboxes } from './RoleCheckboxes.js';
import { TextField } from './TextField.js';
import { nameError, onlyErrors, rolesError } from './user-form.js';
import { useAdminText } from './useAdminText.js';
import { useUserSubmit } from './useUserSubmit.js';
import { usersApi, type User, type UserChange } from './users-api.js';

const sameRoles = (x: readonly Role[], y: readonly Role[]) =>
  x.length === y.length && x.every((r) => y.includes(r));

export function EditUserDialog({
  user,
  onCancel,
  onSaved,
  onConflict,
}: {
  user: User;
  onCancel: () => void;
  onSaved: (user: User) => void;
  onConflict: () => void;
}) {
  const { a } = useAdminText();
  const [name, setName] = useState(user.name);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [team, setTeam] = useState(user.team ?? '');
  const { box, busy, errors, submit, clear } = useUserSubmit(onConflict);

  const save = () => {
    const change: UserChange = {
      ...(name.trim() !== user.name ? { name: name.trim() } : {}),
      ...(!sameRoles(roles, user.roles) ? { roles } : {}),
      ...(team.trim() !== (user.team ?? '') ? { team: team.trim() } : {}),
    };
    if (Object.keys(change).length === 0) return onCancel();
    void submit(
      onlyErrors({ name: nameError(name, a), roles: rolesError(roles, a) }),
      () => usersApi.update(user.id, { ...change, version: user.version }),
      onSaved,
    );
  };

  return (
    <Dialog
      title={a('edit.title', { id: user.id })}
      onCancel={onCancel}
      onConfirm={save}
      confirmLabel={a('edit.submit')}
      confirmDisabled={busy}
      wide
    >
      <div ref={box} className="user-form" data-form="edit-user">
        <TextField
          id="edit-name"
          label={a('field.name')}
          error={errors.name}
          value={name}
          maxLength={200}
          autoComplete="off"
          onChange={(e) => (setName(e.target.value), clear('name'))}
        />
        <RoleCheckboxes
          id="edit-roles"
          value={roles}
          error={errors.roles}
          onChange={(next) => (setRoles(next), clear('roles'))}
        />
        <TextField
          id="edit-team"
          label={a('field.team')}
          hint={a('field.teamHint')}
          error={errors.team}
          value={team}
          maxLength={100}
          autoComplete="off"
          onChange={(e) => (setTeam(e.target.value), clear('team'))}
        />
      </div>
    </Dialog>
  );
}
