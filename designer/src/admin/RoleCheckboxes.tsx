/** The roles of a user as checkboxes (one per role), with what the main ones mean. */
import type { Role } from '../app/session.js';
import { useAdminText } from './useAdminText.js';
import { ROLES } from './users-api.js';

export function RoleCheckboxes({
  id,
  value,
  error,
  onChange,
}: {
  id: string;
  value: readonly Role[];
  error?: string;
  onChange: (roles: Role[]) => void;
}) {
  const { a, t } = useAdminText();
  const toggle = (role: Role, on: boolean) =>
    onChange(ROLES.filter((r) => (r === role ? on : value.includes(r))));
  const hint = (role: Role) =>
    role === 'admin' ? a('hint.admin') : role === 'manager' ? a('hint.manager') : undefined;
  return (
    <fieldset
      className="form-group role-picker"
      data-field={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={`${error ? `${id}-error ` : ''}${id}-hint`}
    >
      <legend>{a('field.roles')}</legend>
      {ROLES.map((role) => (
        <label key={role} className="form-check">
          <input
            type="checkbox"
            name={`${id}-${role}`}
            value={role}
            checked={value.includes(role)}
            aria-invalid={error ? true : undefined}
            onChange={(e) => toggle(role, e.target.checked)}
          />
          <span>{t(`role.${role}`)}</span>
          {hint(role) && <span className="muted role-hint">— {hint(role)}</span>}
        </label>
      ))}
      {error && (
        <span id={`${id}-error`} className="input-error">
          {error}
        </span>
      )}
      <span id={`${id}-hint`} className="hint">
        {a('hint.others')}
      </span>
    </fieldset>
  );
}
