/** Change a user's name, roles and team; only what changed is sent, with the version it was read at. */
import { useState } from 'react';
import type { Role } from '../app/session.js';
import { Dialog } from '../ui/Dialog.js';
import { ProfileFields, type Profile } from './ProfileFields.js';
import { nameError, onlyErrors, rolesError } from './user-form.js';
import { useAdminText } from './useAdminText.js';
import { useUserSubmit, type UserDialogProps } from './useUserSubmit.js';
import { usersApi, type UserChange } from './users-api.js';

const sameRoles = (x: readonly Role[], y: readonly Role[]) =>
  x.length === y.length && x.every((r) => y.includes(r));

export function EditUserDialog({ user, onCancel, onSaved, onConflict }: UserDialogProps) {
  const { a } = useAdminText();
  const [profile, setProfile] = useState<Profile>({ name: user.name, roles: user.roles, team: user.team ?? '', email: user.email ?? '', phone: user.phone ?? '' });
  const { name, roles, team, email, phone } = profile;
  const [away, setAway] = useState(user.away === true);
  const { box, busy, errors, submit, clear } = useUserSubmit(onConflict);

  const save = () => {
    const change: UserChange = {
      ...(name.trim() !== user.name ? { name: name.trim() } : {}),
      ...(!sameRoles(roles, user.roles) ? { roles } : {}),
      ...(team.trim() !== (user.team ?? '') ? { team: team.trim() } : {}),
      ...(away !== (user.away === true) ? { away } : {}),
      ...(email.trim() !== (user.email ?? '') ? { email: email.trim() } : {}),
      ...(phone.trim() !== (user.phone ?? '') ? { phone: phone.trim() } : {}),
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
        <ProfileFields
          idPrefix="edit"
          value={profile}
          errors={errors}
          onChange={(field, next) => (setProfile(next), clear(field))}
        />
        <label className="checkbox user-away">
          <input type="checkbox" checked={away} onChange={(e) => setAway(e.target.checked)} />
          {a('edit.away')}
        </label>
        <p className="muted user-away-help">{a('edit.awayHelp')}</p>
      </div>
    </Dialog>
  );
}
