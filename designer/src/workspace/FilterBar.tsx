/**
 * The list's conditions as chips ("Hạng khách hàng là VIP1 ×"): click one to edit it, × to
 * remove it, "Add filter" for a new one, "Clear all". Every change goes back to page one.
 */
import { useRef, useState } from 'react';
import { conditionText } from './condition-text.js';
import { filterFields, type Condition } from './filter-ops.js';
import { FilterRow } from './FilterRow.js';
import type { Field, Stage } from './pipeline-model.js';
import { useWorkText } from './useWorkText.js';
import './filter-bar.css';

export interface FilterBarProps {
  conditions: Condition[];
  fields: Field[];
  stages: Stage[];
  onChange: (conditions: Condition[]) => void;
}

export function FilterBar({ conditions, fields, stages, onChange }: FilterBarProps) {
  const text = useWorkText();
  const { w } = text;
  const words = { ...text, stages };
  const targets = filterFields(fields);
  /** The index of the condition being edited, or 'new'. */
  const [editing, setEditing] = useState<number | 'new' | undefined>();
  const addButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    setEditing(undefined);
    setTimeout(() => addButton.current?.focus(), 0);
  };
  const apply = (condition: Condition) => {
    onChange(
      editing === 'new' || editing === undefined
        ? [...conditions, condition]
        : conditions.map((c, i) => (i === editing ? condition : c)),
    );
    close();
  };

  return (
    <div className="filter-bar" role="group" aria-label={w('filter.label')} data-conditions={conditions.length}>
      {conditions.length > 0 && (
        <ul className="filter-chips">
          {conditions.map((c, i) => {
            const label = conditionText(c, fields.find((f) => f.key === c.field), words);
            return (
              <li key={`${i}:${c.field}:${c.op}`} className="filter-chip" data-field={c.field} data-op={c.op}>
                <button type="button" className="filter-chip-text" title={w('filter.edit')} onClick={() => setEditing(i)}>
                  {label}
                </button>
                <button
                  type="button"
                  className="filter-chip-remove"
                  aria-label={w('filter.remove', { condition: label })}
                  title={w('filter.remove', { condition: label })}
                  onClick={() => {
                    onChange(conditions.filter((_, j) => j !== i));
                    close();
                  }}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {editing === undefined ? (
        <button ref={addButton} type="button" className="btn btn-sm filter-add" onClick={() => setEditing('new')}>
          + {w('filter.add')}
        </button>
      ) : (
        <FilterRow
          key={String(editing)}
          targets={targets}
          {...(editing === 'new' ? {} : { initial: conditions[editing] })}
          words={words}
          onApply={apply}
          onCancel={close}
        />
      )}
      {conditions.length > 0 && editing === undefined && (
        <button
          type="button"
          className="btn btn-sm btn-link filter-clear"
          onClick={() => {
            onChange([]);
            close();
          }}
        >
          {w('filter.clear')}
        </button>
      )}
    </div>
  );
}
