/** The name, roles and team of a user: the fields creating and editing a user share. */
import type { Role } from '../app/session.js';
import { RoleCheckboxes } from './RoleCheckboxes.js';
import { TextField } from './TextField.js';
import { useAdminText } from './useAdminText.js';

export interface Profile {
  name: string;
  roles: Role[];
  team: string;
  /** Where automations write to them (an overdue payment to accountants). */
  email: string;
  phone: string;
}

export interface ProfileFieldsProps {
  /** Element ids are `<idPrefix>-name`, `-roles`, `-team`. */
  idPrefix: string;
  value: Profile;
  errors: Partial<Record<keyof Profile, string>>;
  onChange: (field: keyof Profile, next: Profile) => void;
}

export function ProfileFields({ idPrefix, value, errors, onChange }: ProfileFieldsProps) {
  const { a } = useAdminText();
  const set = <K extends keyof Profile>(field: K, next: Profile[K]) => onChange(field, { ...value, [field]: next });
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label={a('field.name')}
        error={errors.name}
        value={value.name}
        maxLength={200}
        autoComplete="off"
        onChange={(e) => set('name', e.target.value)}
      />
      <RoleCheckboxes id={`${idPrefix}-roles`} value={value.roles} error={errors.roles} onChange={(next) => set('roles', next)} />
      <TextField
        id={`${idPrefix}-team`}
        label={a('field.team')}
        hint={a('field.teamHint')}
        error={errors.team}
        value={value.team}
        maxLength={100}
        autoComplete="off"
        onChange={(e) => set('team', e.target.value)}
      />
      <TextField
        id={`${idPrefix}-email`}
        label={a('field.email')}
        hint={a('field.contactHint')}
        error={errors.email}
        value={value.email}
        type="email"
        maxLength={254}
        autoComplete="off"
        onChange={(e) => set('email', e.target.value)}
      />
      <TextField
        id={`${idPrefix}-phone`}
        label={a('field.phone')}
        error={errors.phone}
        value={value.phone}
        type="tel"
        maxLength={20}
        autoComplete="off"
        onChange={(e) => set('phone', e.target.value)}
      />
    </>
  );
}
