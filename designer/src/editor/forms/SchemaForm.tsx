/**
 * A form generated from an object JSON Schema (a guard's or action's params, or an
 * entity's data): one input per property, chosen by its type and by what its name means.
 * The form and its inputs are one module: an object property is a nested form.
 */
import { useI18n } from '../../i18n/useI18n.js';
import { ChoiceInputs } from './ChoiceInputs.js';
import type { FormContext, JsonSchema } from './form-context.js';
import { compact, typeOf } from './form-context.js';
import { MapInput } from './MapInput.js';
import { ParamLabel } from './ParamLabel.js';
import { ValueInput } from './ValueInput.js';

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

/** One property of a generated form: the widget that fits its schema and name. */
export interface SchemaInputProps {
  id: string;
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  context: FormContext;
  onChange: (value: unknown) => void;
}

/** Params that name one of this entity's fields. */
const FIELD_PARAMS = new Set(['field', 'idField', 'backLink']);

export function SchemaInput(props: SchemaInputProps) {
  const { id, name, schema, required, value, context, onChange } = props;
  const { t, maybe } = useI18n();
  const type = typeOf(schema);
  const label = <ParamLabel htmlFor={id} name={name} schema={schema} required={required} />;
  const text = typeof value === 'string' ? value : '';

  if (type === 'string' && (FIELD_PARAMS.has(name) || name === 'stage')) {
    const options = name === 'stage' ? context.stages : context.fields;
    return (
      <div className="form-field">
        {label}
        <select id={id} value={text} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{name === 'stage' ? t('form.currentStage') : t('form.choose')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
              {o.detail && o.detail !== o.label ? ` (${o.detail})` : ''}
            </option>
          ))}
          {text && !options.some((o) => o.value === text) && <option value={text}>{text}</option>}
        </select>
      </div>
    );
  }
  if (type === 'array' && name === 'fields') {
    return (
      <ChoiceInputs
        id={id}
        label={label}
        options={context.fields}
        value={Array.isArray(value) ? (value as string[]) : []}
        onChange={onChange}
      />
    );
  }
  if (type === 'enum' || Array.isArray(schema.enum)) {
    const options = (schema.enum as unknown[]).map(String);
    return (
      <div className="form-field">
        {label}
        <select
          id={id}
          value={
            typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
              ? String(value)
              : ''
          }
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          <option value="">{t('form.choose')}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {maybe(`op.${o}`) ?? o}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (type === 'boolean') {
    return (
      <label className="form-check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked ? true : undefined)}
        />
        <ParamLabel name={name} schema={schema} required={required} inline />
      </label>
    );
  }
  if (type === 'number' || type === 'integer') {
    return (
      <div className="form-field">
        {label}
        <input
          id={id}
          type="number"
          step={type === 'integer' ? 1 : 'any'}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      </div>
    );
  }
  if (type === 'string') {
    const format = schema.format;
    const inputType = format === 'date' ? 'date' : format === 'email' ? 'email' : 'text';
    return (
      <div className="form-field">
        {label}
        <input
          id={id}
          type={inputType}
          value={text}
          list={name === 'event' ? `${id}-events` : undefined}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
        {name === 'event' && (
          <datalist id={`${id}-events`}>
            {context.events.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
        )}
      </div>
    );
  }
  if (type === 'object' && schema.properties) {
    return (
      <fieldset className="form-group">
        <legend>
          <ParamLabel name={name} schema={schema} required={required} inline />
        </legend>
        <SchemaForm
          schema={schema}
          value={(value ?? {}) as Record<string, unknown>}
          onChange={(v) => onChange(Object.keys(v).length ? v : undefined)}
          context={context}
          idPrefix={id}
        />
      </fieldset>
    );
  }
  if (type === 'object' && typeof schema.additionalProperties === 'object') {
    return (
      <MapInput id={id} label={label} value={(value ?? {}) as Record<string, string>} onChange={onChange} />
    );
  }
  return (
    <div className="form-field">
      {label}
      <ValueInput id={id} value={value} onChange={onChange} />
    </div>
  );
}
