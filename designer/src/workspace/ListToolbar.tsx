/** The list's search box and quick stage filter; conditions on any field are in ./FilterBar.tsx. */
import type { ListControls } from './list-filter.js';
import type { Field, Stage } from './pipeline-model.js';
import { stageTitle } from './pipeline-model.js';
import { useWorkText } from './useWorkText.js';

export interface ListToolbarProps {
  controls: ListControls;
  onChange: (patch: Partial<ListControls>) => void;
  stages: Stage[];
  searchField: Field | undefined;
}

export function ListToolbar({ controls, onChange, stages, searchField }: ListToolbarProps) {
  const { w, label } = useWorkText();
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
    </div>
  );
}
