/**
 * The value part of a condition being edited, fitting the field and operator: text, a VND
 * amount grouped as typed, a date, a month, a number of days, checkboxes of an enum's labelled
 * choices or of the stages, or a user.
 */
import { useEffect, useState } from 'react';
import { enumOptions } from './enum-labels.js';
import { monthName } from './condition-text.js';
import type { ConditionDraft } from './filter-draft.js';
import { isMoney, isWhole, needsValue, type FilterField, type FilterOp } from './filter-ops.js';
import { stageTitle, type Stage } from './pipeline-model.js';
import { useWorkText } from './useWorkText.js';
import { directoryUsers, type DirectoryUser } from './users-api.js';

export interface FilterValueInputProps {
  target: FilterField;
  op: FilterOp;
  draft: ConditionDraft;
  stages: Stage[];
  onChange: (patch: Partial<ConditionDraft>) => void;
}

/** A number input; whole numbers and VND amounts show thousands separators as they are typed. */
function NumberInput({ target, value, label, onChange }: { target: FilterField; value: string; label: string; onChange: (text: string) => void }) {
  const { lang } = useWorkText();
  const whole = isWhole(target.field);
  const digits = value.replace(/[^\d-]/g, '').replace(/(?!^)-/g, '');
  const shown = whole && /\d/.test(digits) ? new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US').format(Number(digits)) : value;
  return (
    <span className={isMoney(target.field) ? 'money-input filter-number' : 'filter-number'}>
      <input
        aria-label={label}
        inputMode={whole ? 'numeric' : 'decimal'}
        value={shown}
        onChange={(e) => onChange(whole ? e.target.value.replace(/[^\d-]/g, '').replace(/(?!^)-/g, '') : e.target.value)}
      />
      {isMoney(target.field) && <span className="money-unit">₫</span>}
    </span>
  );
}

/** Checkboxes of the choices an `anyOf` can hold. */
function Choices({ choices, chosen, legend, onChange }: { choices: { key: string; label: string }[]; chosen: string[]; legend: string; onChange: (values: string[]) => void }) {
  return (
    <fieldset className="filter-choices">
      <legend className="sr-only">{legend}</legend>
      {choices.map((c) => (
        <label key={c.key} className="filter-choice">
          <input
            type="checkbox"
            value={c.key}
            checked={chosen.includes(c.key)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, c.key] : chosen.filter((v) => v !== c.key))}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The user directory as options; a plain id input when it cannot be read. */
function UserInput({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { w } = useWorkText();
  const [users, setUsers] = useState<DirectoryUser[] | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    directoryUsers().then(setUsers, () => setFailed(true));
  }, []);
  if (failed || !users)
    return <input aria-label={w('filter.user')} placeholder={w('filter.userId')} value={value} onChange={(e) => onChange(e.target.value)} />;
  return (
    <select aria-label={w('filter.user')} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="" />
      {users.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name} ({u.id})
        </option>
      ))}
    </select>
  );
}

export function FilterValueInput({ target, op, draft, stages, onChange }: FilterValueInputProps) {
  const { w, lang, label } = useWorkText();
  if (!needsValue(op)) return null;
  const { kind, field } = target;
  const value = w('filter.value');
  if (op === 'anyOf') {
    const options =
      kind === 'stage'
        ? stages.map((s) => ({ key: s.path, label: stageTitle(s, label, s.path) }))
        : enumOptions(field?.schema, lang);
    if (options) return <Choices choices={options} chosen={draft.values} legend={value} onChange={(values) => onChange({ values })} />;
    return (
      <input aria-label={value} placeholder={w('filter.valuesHint')} value={draft.value} onChange={(e) => onChange({ value: e.target.value, values: [] })} />
    );
  }
  if (kind === 'owner') return <UserInput value={draft.value} onChange={(id) => onChange({ value: id })} />;
  if (op === 'inMonth')
    return (
      <select aria-label={w('filter.month')} value={draft.value} onChange={(e) => onChange({ value: e.target.value })}>
        <option value="" />
        {Array.from({ length: 12 }, (_, i) => (
          <option key={i + 1} value={String(i + 1)}>
            {monthName(i + 1, lang)}
          </option>
        ))}
      </select>
    );
  if (op === 'lastDays' || op === 'nextDays')
    return (
      <span className="filter-days">
        <input type="number" min={1} max={3650} aria-label={value} value={draft.value} onChange={(e) => onChange({ value: e.target.value })} />
        <span>{w('filter.days')}</span>
      </span>
    );
  const one = (text: string, name: string, set: (text: string) => void) =>
    kind === 'number' ? (
      <NumberInput target={target} value={text} label={name} onChange={set} />
    ) : kind === 'date' || kind === 'dateTime' ? (
      <input type="date" aria-label={name} value={text} onChange={(e) => set(e.target.value)} />
    ) : (
      <input aria-label={name} value={text} onChange={(e) => set(e.target.value)} />
    );
  if (op === 'between')
    return (
      <span className="filter-between">
        {one(draft.value, w('filter.from'), (text) => onChange({ value: text }))}
        <span aria-hidden="true">–</span>
        {one(draft.to, w('filter.to'), (text) => onChange({ to: text }))}
      </span>
    );
  return one(draft.value, value, (text) => onChange({ value: text }));
}
