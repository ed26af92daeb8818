/** A list of checkboxes picking several values (e.g. fields of the entity). */
import type { ReactNode } from 'react';
import type { Choice } from './form-context.js';

export interface ChoiceInputsProps {
  id: string;
  label: ReactNode;
  options: Choice[];
  value: string[];
  onChange: (value: string[] | undefined) => void;
}

export function ChoiceInputs({ id, label, options, value, onChange }: ChoiceInputsProps) {
  const toggle = (option: string, on: boolean) => {
    const next = on ? [...value, option] : value.filter((v) => v !== option);
    onChange(next.length > 0 ? next : undefined);
  };
  const unknown = value.filter((v) => !options.some((o) => o.value === v));
  return (
    <fieldset className="form-group choice-inputs" id={id}>
      <legend>{label}</legend>
      <div className="choice-grid">
        {[...options, ...unknown.map((v): Choice => ({ value: v, label: v }))].map((o) => (
          <label key={o.value} className="form-check">
            <input
              type="checkbox"
              checked={value.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <span>
              {o.label}
              {o.detail && o.detail !== o.label && (
                <span className="muted mono choice-detail"> {o.detail}</span>
              )}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
