/**
 * A form generated from an object JSON Schema (a guard's or action's params, or an
 * entity's data): one input per property, chosen by its type and by what its name means.
 */
import type { FormContext, JsonSchema } from './form-context.js';
import { compact } from './form-context.js';
import { SchemaInput } from './SchemaInput.js';

export interface SchemaFormProps {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  context: FormContext;
  /** Prefix of input ids, unique on the page. */
  idPrefix: string;
}

export function SchemaForm({ schema, value, onChange, context, idPrefix }: SchemaFormProps) {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const names = Object.keys(properties);
  if (names.length === 0) return null;
  return (
    <div className="schema-form">
      {names.map((name) => (
        <SchemaInput
          key={name}
          id={`${idPrefix}-${name}`}
          name={name}
          schema={properties[name]}
          required={required.has(name)}
          value={value[name]}
          context={context}
          onChange={(v) => onChange(compact({ ...value, [name]: v }))}
        />
      ))}
    </div>
  );
}
