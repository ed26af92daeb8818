/**
 * One assignment rule as an admin edits it: its name in both languages, which records it
 * takes and when, how it chooses (in turn, the least loaded, by a field's value with who
 * gets which value), among which role, and the pipeline step to send once the record has
 * its person. Problems the server found are shown at their field.
 */
import { useId, useState } from 'react';
import type { Definition, DefinitionListItem } from '../../api/designer-api.js';
import type { Labels } from '../../model/pack-types.js';
import type { DirectoryUser } from '../../workspace/users-api.js';
import type { AssignmentRule } from './assignment-api.js';
import { rowsOf, whenOf, type ConditionRow } from './rule-conditions.js';
import { useAssignmentText } from './useAssignmentText.js';

/** A copy of `value` without `keys`. */
function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

const ROLES = ['sales', 'marketing', 'operator', 'accountant', 'manager'] as const;
const STRATEGIES = ['round-robin', 'least-loaded', 'by-field'] as const;

interface FieldOption {
  key: string;
  labels?: Labels;
  values?: { value: string; labels?: Labels }[];
}

/** The top-level text fields of a schema a rule may look at, with their choices. */
function fieldsOf(definition: Definition | undefined): FieldOption[] {
  const properties = (definition?.schema.properties ?? {}) as Record<string, { type?: unknown; enum?: unknown[]; readOnly?: boolean; 'x-labels'?: Labels; 'x-enumLabels'?: Record<string, Labels> }>;
  return Object.entries(properties)
    .filter(([, f]) => f.type === 'string' && f.readOnly !== true)
    .map(([key, f]) => ({
      key,
      ...(f['x-labels'] ? { labels: f['x-labels'] } : {}),
      ...(Array.isArray(f.enum) ? { values: f.enum.map((v) => ({ value: String(v), ...(f['x-enumLabels']?.[String(v)] ? { labels: f['x-enumLabels'][String(v)] } : {}) })) } : {}),
    }));
}

/** A choice of one of the entity's fields, by their names; — for none. */
function FieldSelect({ fields, value, onChange, id, label: name }: { fields: FieldOption[]; value: string; onChange: (field: string) => void; id?: string; label?: string }) {
  const { label } = useAssignmentText();
  return (
    <select {...(id ? { id } : {})} {...(name ? { 'aria-label': name } : {})} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">—</option>
      {fields.map((f) => (
        <option key={f.key} value={f.key}>
          {label(f.labels, f.key)}
        </option>
      ))}
    </select>
  );
}

export interface RuleEditorProps {
  rule: AssignmentRule;
  index: number;
  count: number;
  entities: DefinitionListItem[];
  definition: Definition | undefined;
  users: DirectoryUser[];
  errors: Map<string, string>;
  onChange: (rule: AssignmentRule) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

export function RuleEditor({ rule, index, count, entities, definition, users, errors, onChange, onMove, onRemove }: RuleEditorProps) {
  const { s, t, label } = useAssignmentText();
  const id = useId();
  const fields = fieldsOf(definition);
  const fieldName = (key: string) => label(fields.find((f) => f.key === key)?.labels, key);
  // Rows being written (a field not chosen yet) live here until they say something.
  const [draft, setDraft] = useState<ConditionRow[] | undefined>(() => rowsOf(rule.when));
  const rows = rule.when === undefined || draft !== undefined ? (draft ?? []) : undefined;
  const setRows = (next: ConditionRow[]) => {
    setDraft(next);
    const rest = without(rule, 'when');
    const when = whenOf(next);
    onChange(when ? { ...rest, when } : rest);
  };
  const error = (path: string) => {
    const message = errors.get(`/${index}${path}`);
    return message ? (
      <span className="field-error" role="alert">
        {message}
      </span>
    ) : null;
  };
  const valueInput = (field: string, value: string, onValue: (v: string) => void, labelText: string) => {
    const choices = fields.find((f) => f.key === field)?.values;
    return choices ? (
      <select aria-label={labelText} value={value} onChange={(e) => onValue(e.target.value)}>
        <option value="">—</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {label(c.labels, c.value)}
          </option>
        ))}
      </select>
    ) : (
      <input aria-label={labelText} value={value} onChange={(e) => onValue(e.target.value)} />
    );
  };
  const people = users.filter((u) => (u.roles as readonly string[]).includes(rule.role));
  const events = Object.entries((definition?.machine.meta as { events?: Record<string, Labels> } | undefined)?.events ?? {});
  const mapRows = Object.entries(rule.map ?? {});
  const setMap = (entries: [string, string[]][]) => onChange({ ...rule, map: Object.fromEntries(entries) });

  return (
    <li className="panel rule-card" data-rule={rule.id}>
      <div className="rule-head">
        <h2>{label(rule.labels, s('rule', { n: index + 1 }))}</h2>
        <div className="rule-moves">
          <button type="button" className="btn btn-sm" disabled={index === 0} onClick={() => onMove(-1)} aria-label={s('up')} title={s('up')}>
            ↑
          </button>
          <button type="button" className="btn btn-sm" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={s('down')} title={s('down')}>
            ↓
          </button>
          <button type="button" className="btn btn-sm btn-danger" onClick={onRemove}>
            {s('remove')}
          </button>
        </div>
      </div>
      <div className="rule-grid">
        <label htmlFor={`${id}-vi`}>{s('nameVi')}</label>
        <div>
          <input id={`${id}-vi`} value={rule.labels.vi} onChange={(e) => onChange({ ...rule, labels: { ...rule.labels, vi: e.target.value } })} />
          {error('/labels/vi')}
        </div>
        <label htmlFor={`${id}-en`}>{s('nameEn')}</label>
        <div>
          <input id={`${id}-en`} value={rule.labels.en} onChange={(e) => onChange({ ...rule, labels: { ...rule.labels, en: e.target.value } })} />
          {error('/labels/en')}
        </div>
        <label htmlFor={`${id}-entity`}>{s('entity')}</label>
        <div>
          <select id={`${id}-entity`} value={rule.entity} onChange={(e) => onChange({ id: rule.id, labels: rule.labels, entity: e.target.value, strategy: rule.strategy === 'by-field' ? 'round-robin' : rule.strategy, role: rule.role })}>
            {entities.map((d) => (
              <option key={d.entity} value={d.entity}>
                {label(d.labels, d.entity)}
              </option>
            ))}
          </select>
          {error('/entity')}
        </div>
        <span className="rule-label">{s('conditions')}</span>
        <div className="rule-conditions">
          {rows === undefined ? (
            <p className="muted">
              {s('advanced', { json: JSON.stringify(rule.when) })}{' '}
              <button type="button" className="btn btn-sm" onClick={() => setRows([])}>
                {s('dropAdvanced')}
              </button>
            </p>
          ) : (
            <>
              {rows.length === 0 && <p className="muted">{s('noConditions')}</p>}
              {rows.map((row, r) => (
                <div key={r} className="rule-condition">
                  <FieldSelect fields={fields} label={s('field')} value={row.field} onChange={(field) => setRows(rows.map((x, i) => (i === r ? { ...x, field, value: '' } : x)))} />
                  <select aria-label={s('conditions')} value={row.op} onChange={(e) => setRows(rows.map((x, i) => (i === r ? { ...x, op: e.target.value === 'set' ? 'set' : 'is' } : x)))}>
                    <option value="is">{s('is')}</option>
                    <option value="set">{s('set')}</option>
                  </select>
                  {row.op === 'is' && valueInput(row.field, row.value, (value) => setRows(rows.map((x, i) => (i === r ? { ...x, value } : x))), s('value'))}
                  <button type="button" className="btn btn-sm" aria-label={s('removeCondition')} title={s('removeCondition')} onClick={() => setRows(rows.filter((_, i) => i !== r))}>
                    ×
                  </button>
                </div>
              ))}
              <button type="button" className="btn btn-sm" onClick={() => setRows([...rows, { field: '', op: 'is', value: '' }])}>
                + {s('addCondition')}
              </button>
            </>
          )}
          {error('/when')}
        </div>
        <label htmlFor={`${id}-strategy`}>{s('strategy')}</label>
        <div>
          <select id={`${id}-strategy`} value={rule.strategy} onChange={(e) => onChange({ ...rule, strategy: e.target.value as AssignmentRule['strategy'] })}>
            {STRATEGIES.map((strategy) => (
              <option key={strategy} value={strategy}>
                {s(`strategy.${strategy}`)}
              </option>
            ))}
          </select>
        </div>
        <label htmlFor={`${id}-role`}>{s('role')}</label>
        <div>
          <select id={`${id}-role`} value={rule.role} onChange={(e) => onChange({ ...rule, role: e.target.value })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}` as never)}
              </option>
            ))}
          </select>
        </div>
        {rule.strategy === 'by-field' && (
          <>
            <label htmlFor={`${id}-field`}>{s('field')}</label>
            <div>
              <FieldSelect id={`${id}-field`} fields={fields} value={rule.field ?? ''} onChange={(field) => onChange({ ...rule, field, map: {} })} />
              {error('/field')}
            </div>
            <span className="rule-label">{s('mapping')}</span>
            <div className="rule-map">
              {mapRows.map(([value, ids], r) => (
                <fieldset key={r} className="rule-map-row">
                  <legend className="sr-only">{`${fieldName(rule.field ?? '')} = ${value}`}</legend>
                  {valueInput(rule.field ?? '', value, (next) => setMap(mapRows.map((x, i) => (i === r ? [next, x[1]] : x))), s('value'))}
                  <span className="rule-map-users">
                    {people.map((u) => (
                      <label key={u.id} className="checkbox">
                        <input
                          type="checkbox"
                          checked={ids.includes(u.id)}
                          onChange={(e) => setMap(mapRows.map((x, i) => (i === r ? [x[0], e.target.checked ? [...x[1], u.id] : x[1].filter((y) => y !== u.id)] : x)))}
                        />{' '}
                        {u.name}
                      </label>
                    ))}
                    {ids.length === 0 && <span className="muted">{s('nobodyForValue')}</span>}
                  </span>
                  <button type="button" className="btn btn-sm" aria-label={s('removeCondition')} onClick={() => setMap(mapRows.filter((_, i) => i !== r))}>
                    ×
                  </button>
                </fieldset>
              ))}
              <button type="button" className="btn btn-sm" disabled={!rule.field} onClick={() => setMap([...mapRows, ['', []]])}>
                + {s('addValue')}
              </button>
              {error('/map')}
            </div>
          </>
        )}
        <label htmlFor={`${id}-event`}>{s('then')}</label>
        <div className="rule-step">
          <select
            id={`${id}-event`}
            value={rule.event ?? ''}
            onChange={(e) => {
              const rest = without(rule, 'event', 'eventField');
              onChange(e.target.value ? { ...rest, event: e.target.value, ...(rule.eventField ? { eventField: rule.eventField } : {}) } : rest);
            }}
          >
            <option value="">{s('noStep')}</option>
            {events.map(([type, labels]) => (
              <option key={type} value={type}>
                {label(labels, type)}
              </option>
            ))}
          </select>
          {rule.event && (
            <label>
              {s('stepField')}{' '}
              <FieldSelect fields={fields} value={rule.eventField ?? ''} onChange={(field) => onChange({ ...rule, ...(field ? { eventField: field } : {}) })} />
            </label>
          )}
        </div>
      </div>
    </li>
  );
}
