/** A reference to another record (`x-ref`): type to search it by name, see its name, open it. */
import type { WidgetProps } from '@rjsf/utils';
import { useState } from 'react';
import { Link } from '../app/Link.js';
import { useRefOptions } from './useRefOptions.js';
import { workPaths } from './work-routes.js';

export function RefWidget({ id, value, required, disabled, readonly, onChange, onBlur, onFocus, options, rawErrors }: WidgetProps) {
  const entity = typeof options.entity === 'string' ? options.entity : '';
  const selected = typeof value === 'string' && value ? value : undefined;
  const [text, setText] = useState('');
  const { options: found, selectedTitle } = useRefOptions(entity, text, selected);
  const listId = `${id}-options`;
  return (
    <div className="ref-input">
      <input
        id={id}
        list={listId}
        className={rawErrors?.length ? 'input-error' : undefined}
        value={selected ?? text}
        placeholder={entity}
        required={required}
        disabled={disabled || readonly}
        autoComplete="off"
        onChange={(e) => {
          const next = e.target.value;
          const match = found.find((o) => o.id === next);
          setText(match ? '' : next);
          onChange(match || /^[0-9a-f-]{36}$/.test(next) ? next : undefined);
        }}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
      <datalist id={listId}>
        {found.map((o) => (
          <option key={o.id} value={o.id}>
            {o.title}
          </option>
        ))}
      </datalist>
      {selected && (
        <Link className="ref-link" to={workPaths.record(entity, selected)}>
          {selectedTitle ?? selected.slice(0, 8)} ↗
        </Link>
      )}
    </div>
  );
}
