/**
 * Edit one condition: field → operator → value fitting the field. Enter applies, Escape
 * cancels; what is missing is said next to the buttons.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { filterFieldLabel, type ConditionWords } from './condition-text.js';
import { conditionOfDraft, draftForField, draftOf, type DraftProblem } from './filter-draft.js';
import { isWhole, opsFor, type Condition, type FilterField, type FilterOp } from './filter-ops.js';
import { FilterValueInput } from './FilterValueInput.js';

export interface FilterRowProps {
  targets: FilterField[];
  /** The condition being edited; a new one when absent. */
  initial?: Condition;
  words: ConditionWords;
  onApply: (condition: Condition) => void;
  onCancel: () => void;
}

export function FilterRow({ targets, initial, words, onApply, onCancel }: FilterRowProps) {
  const { w, stages } = words;
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [problem, setProblem] = useState<DraftProblem | undefined>();
  const form = useRef<HTMLFormElement>(null);
  const target = targets.find((t) => t.key === draft.field);
  const ops = target ? opsFor(target.kind) : [];
  const op = draft.op && ops.includes(draft.op) ? draft.op : ops[0];

  // A new condition starts at its field; an edited one at its value (or operator).
  useEffect(() => {
    const inputs = form.current?.querySelectorAll<HTMLElement>('select, input');
    const first = initial ? (inputs?.[2] ?? inputs?.[1]) : inputs?.[0];
    first?.focus();
  }, [initial]);

  const apply = () => {
    const result = conditionOfDraft({ ...draft, op: op ?? '' }, target?.kind, isWhole(target?.field));
    if ('problem' in result) setProblem(result.problem);
    else onApply(result.condition);
  };
  const keys = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
      // Also from a select or a checkbox, which do not submit a form by themselves.
      e.preventDefault();
      apply();
    }
  };

  return (
    <form
      ref={form}
      className="filter-row"
      aria-label={initial ? w('filter.edit') : w('filter.add')}
      onKeyDown={keys}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <select
        aria-label={w('filter.field')}
        value={draft.field}
        onChange={(e) => {
          setProblem(undefined);
          setDraft(draftForField(e.target.value, targets.find((t) => t.key === e.target.value)?.kind));
        }}
      >
        <option value="">{w('filter.pickField')}</option>
        {targets.map((t) => (
          <option key={t.key} value={t.key}>
            {filterFieldLabel(t.key, t.field, words)}
          </option>
        ))}
      </select>
      {target && op && (
        <>
          <select
            aria-label={w('filter.op')}
            value={op}
            onChange={(e) => {
              setProblem(undefined);
              setDraft({ ...draft, op: e.target.value as FilterOp, ...(e.target.value === 'between' || op === 'between' ? { to: '' } : {}) });
            }}
          >
            {ops.map((o) => (
              <option key={o} value={o}>
                {w(`filter.op.${o}`)}
              </option>
            ))}
          </select>
          <FilterValueInput
            target={target}
            op={op}
            draft={draft}
            stages={stages}
            onChange={(patch) => {
              setProblem(undefined);
              setDraft((d) => ({ ...d, ...patch }));
            }}
          />
        </>
      )}
      <button type="submit" className="btn btn-primary btn-sm">
        {w('filter.apply')}
      </button>
      <button type="button" className="btn btn-sm" onClick={onCancel}>
        {w('filter.cancel')}
      </button>
      {problem ? (
        <span role="alert" className="filter-problem">
          {w(`filter.problem.${problem}`)}
        </span>
      ) : (
        <span className="muted filter-keys">{w('filter.keys')}</span>
      )}
    </form>
  );
}
