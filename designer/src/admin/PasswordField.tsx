/** A new password with its rule, and a switch to show it (an admin tells it to the user). */
import { useState } from 'react';
import { TextField } from './TextField.js';
import { PASSWORD_MAX } from './user-form.js';
import { useAdminText } from './useAdminText.js';

export function PasswordField({
  id,
  value,
  error,
  onChange,
  label,
}: {
  id: string;
  /** Default: "Password". */
  label?: string;
  value: string;
  error?: string;
  onChange: (password: string) => void;
}) {
  const { a } = useAdminText();
  const [shown, setShown] = useState(false);
  return (
    <div className="password-field">
      <TextField
        id={id}
        label={label ?? a('field.password')}
        hint={a('field.passwordHint')}
        error={error}
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        spellCheck={false}
        maxLength={PASSWORD_MAX}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <label className="form-check">
        <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} />
        <span>{a('field.showPassword')}</span>
      </label>
    </div>
  );
}
