/**
 * A field that names a member of staff (`x-widget: user`): chosen by name from the user
 * directory, kept as their id. An id the directory no longer lists stays chosen, shown as is.
 */
import type { WidgetProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { useWorkText } from './useWorkText.js';
import { directoryUsers, type DirectoryUser } from './users-api.js';

export function UserWidget({ id, value, required, disabled, readonly, onChange, onBlur, onFocus, rawErrors }: WidgetProps) {
  const { w } = useWorkText();
  const [users, setUsers] = useState<DirectoryUser[]>([]);
  useEffect(() => {
    directoryUsers().then(setUsers, () => undefined); // the id stays chosen
  }, []);
  const current = typeof value === 'string' ? value : '';
  const known = current === '' || users.some((u) => u.id === current);
  return (
    <select
      id={id}
      className={`form-control${rawErrors?.length ? ' input-error' : ''}`}
      value={current}
      required={required}
      disabled={disabled || readonly}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    >
      <option value="">{w('handOver.nobody')}</option>
      {!known && <option value={current}>{current}</option>}
      {users.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </select>
  );
}
