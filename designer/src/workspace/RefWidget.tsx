/**
 * A reference to another record (`x-ref`): a searchable combo box (react-aria-components)
 * that shows records by name and stage, never by id. Type to search, arrows and Enter to
 * choose, Escape to close; the chosen record opens from the link beside it.
 */
import type { WidgetProps } from '@rjsf/utils';
import { useState } from 'react';
import { Button, ComboBox, Input, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import { Link } from '../app/Link.js';
import { recordName } from './pipeline-model.js';
import type { RecordSummary } from './related-api.js';
import { useEntityLabels, useRefOptions } from './useRefOptions.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';

export function RefWidget({ id, value, required, disabled, readonly, onChange, onBlur, onFocus, options, rawErrors, label: fieldLabel }: WidgetProps) {
  const { w, label, formatDay } = useWorkText();
  const entity = typeof options.entity === 'string' ? options.entity : '';
  const selected = typeof value === 'string' && value ? value : undefined;
  // What the input shows: react-aria keeps it (the chosen record's name, or what is typed).
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const entityLabels = useEntityLabels(entity);
  const nameOf = (record: RecordSummary) => recordName(record, label(entityLabels, entity), formatDay);
  const { options: found, searching, current } = useRefOptions(entity, text, selected, open, nameOf);
  const entityName = label(entityLabels, entity).toLocaleLowerCase();
  // The chosen record is always among the items, so the input can show its name.
  const chosen: RecordSummary | undefined =
    current.status === 'found' ? current.record
    : current.status === 'hidden' ? { id: current.id, entity, title: `(${w('ref.hidden')})`, stage: '', status: 'active', createdAt: '', updatedAt: '' }
    : undefined;
  const items = found ?? [];
  const showing = chosen && !items.some((o) => o.id === chosen.id) ? [chosen, ...items] : items;
  const typed = text.trim() !== '' && (!chosen || text !== nameOf(chosen));
  const inactive = disabled || readonly;
  if (readonly)
    return (
      <div id={id} className="value-text ref-text-only" role="textbox" aria-readonly="true" aria-label={fieldLabel}>
        {!selected ? (
          <span className="muted">—</span>
        ) : chosen && current.status === 'found' ? (
          <Link to={workPaths.record(entity, selected)}>{nameOf(chosen)}</Link>
        ) : (
          <span className="muted">{chosen ? nameOf(chosen) : '…'}</span>
        )}
      </div>
    );
  return (
    <div className="ref-input" data-entity={entity}>
      <ComboBox
        aria-label={fieldLabel || entityName}
        className="ref-combo"
        items={showing}
        selectedKey={selected ?? null}
        isDisabled={inactive}
        isRequired={required}
        isInvalid={Boolean(rawErrors?.length)}
        allowsEmptyCollection
        menuTrigger="input"
        onOpenChange={setOpen}
        onInputChange={(next) => {
          setText(next);
          if (next === '' && selected) onChange(undefined);
        }}
        onSelectionChange={(key) => {
          if (key !== null && key !== selected) onChange(String(key));
        }}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      >
        <div className={`ref-field${rawErrors?.length ? ' input-error' : ''}`}>
          <Input id={id} className="ref-text" placeholder={w('ref.search', { entity: entityName })} />
          <Button className="ref-toggle" aria-label={w('ref.show')}>
            ▾
          </Button>
        </div>
        <Popover className="ref-popover" placement="bottom start" offset={2}>
          {/* The current choice stays listed (so the input can show its name): say when nothing else matches. */}
          {typed && !searching && items.length === 0 && chosen && (
            <div className="ref-empty" role="status">
              {w('ref.none', { entity: entityName, text: text.trim() })}
            </div>
          )}
          <ListBox<RecordSummary>
            className="ref-options"
            renderEmptyState={() => (
              <div className="ref-empty">
                {searching ? w('ref.searching') : typed ? w('ref.none', { entity: entityName, text: text.trim() }) : w('ref.empty', { entity: entityName })}
              </div>
            )}
          >
            {(record) => (
              <ListBoxItem id={record.id} textValue={nameOf(record)} className="ref-option">
                <span className="ref-option-title">{nameOf(record)}</span>
                <span className={`stage-badge stage-badge-small${record.status === 'done' ? ' stage-badge-done' : ''}`}>
                  {label(record.stageLabels, record.stage)}
                </span>
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      {selected && current.status === 'found' && (
        <Link className="ref-link" to={workPaths.record(entity, selected)} aria-label={`${w('ref.open')}: ${nameOf(current.record)}`}>
          {w('ref.open')} ↗
        </Link>
      )}
    </div>
  );
}
