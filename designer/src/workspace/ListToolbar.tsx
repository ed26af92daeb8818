/** The list's search box, stage filter and "field = value" filter (a select of labelled choices for enums). */
import { enumOptions } from './enum-labels.js';
import type { ListControls } from './list-filter.js';
import type { Field, Stage } from './pipeline-model.js';
import { stageTitle } from './pipeline-model.js';
import { useWorkText } from './useWorkText.js';

export interface ListToolbarProps {
  controls: ListControls;
  onChange: (patch: Partial<ListControls>) => void;
  fields: Field[];
  stages: Stage[];
  searchField: Field | undefined;
}

export function ListToolbar({ controls, onChange, fields, stages, searchField }: ListToolbarProps) {
  const { w, label, lang } = useWorkText();
  const filterField = fields.find((f) => f.key === controls.field);
  const options = filterField ? enumOptions(filterField.schema, lang) : undefined;
  return (
    <div className="list-toolbar" role="search">
      <input
        type="search"
        className="list-search"
        aria-label={w('list.search')}
        placeholder={w('list.searchPlaceholder', { field: label(searchField?.labels, searchField?.key ?? '') })}
        value={controls.search}
        onChange={(e) => onChange({ search: e.target.value, skip: 0 })}
      />
      <select aria-label={w('record.stage')} value={controls.stage} onChange={(e) => onChange({ stage: e.target.value, skip: 0 })}>
        <option value="">{w('list.allStages')}</option>
        {stages.map((s) => (
          <option key={s.path} value={s.path}>
            {stageTitle(s, label, s.path)}
          </option>
        ))}
      </select>
      <select aria-label={w('list.filterField')} value={controls.field} onChange={(e) => onChange({ field: e.target.value, value: '', skip: 0 })}>
        <option value="">{w('list.filterField')}…</option>
        {fields.map((f) => (
          <option key={f.key} value={f.key}>
            {label(f.labels, f.key)}
          </option>
        ))}
      </select>
      {controls.field &&
        (options ? (
          <select aria-label={w('list.filterValue')} value={controls.value} onChange={(e) => onChange({ value: e.target.value, skip: 0 })}>
            <option value="" />
            {options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            aria-label={w('list.filterValue')}
            placeholder={w('list.filterValue')}
            value={controls.value}
            onChange={(e) => onChange({ value: e.target.value, skip: 0 })}
          />
        ))}
    </div>
  );
}
