/** A pipeline's records as a table: search, stage, conditions on any field, sort by column, pages; tick records to hand them over at once. */
import { UserName } from './UserName.js';
import { useMemo, useState } from 'react';
import { messageOf } from '../api/loadable.js';
import { useSession } from '../app/useSession.js';
import { useToast } from '../ui/useToast.js';
import { Link } from '../app/Link.js';
import { FieldValue } from './FieldValue.js';
import { ImportDialog } from './ImportDialog.js';
import { exportCsv } from './csv-export.js';
import { FilterBar } from './FilterBar.js';
import { BUSINESS_TIME_ZONE } from './filter-dates.js';
import { INITIAL_CONTROLS, listFilter, listSort, type ListControls } from './list-filter.js';
import { ListToolbar } from './ListToolbar.js';
import { SegmentPicker } from './SegmentPicker.js';
import { keyFields, listFields, recordName, stageOf, stageTitle, titleField } from './pipeline-model.js';
import type { Pipeline } from './usePipeline.js';
import { PAGE_SIZE, useRecordList } from './useRecordList.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';
import { BulkHandOverBar } from './BulkHandOverBar.js';
import type { WorkRecord } from './workspace-api.js';

/** The list a report's drill-down opens (`?where=<filter>&label=<figure>`), or the plain one. */
function drilledControls(search: string): ListControls {
  const params = new URLSearchParams(search);
  try {
    const filter: unknown = JSON.parse(params.get('where') ?? 'null');
    if (filter && typeof filter === 'object' && !Array.isArray(filter)) return { ...INITIAL_CONTROLS, from: { filter: filter as Record<string, unknown>, label: params.get('label') ?? '' } };
  } catch {
    // Not a filter: the plain list.
  }
  return INITIAL_CONTROLS;
}

export function ListPage({ pipeline }: { pipeline: Pipeline }) {
  const { definition, stages } = pipeline;
  const { w, t, label, formatDate, formatDay } = useWorkText();
  const [controls, setControls] = useState<ListControls>(() => drilledControls(window.location.search));
  const fields = useMemo(() => listFields(definition.schema).filter((f) => (f.schema as { type?: unknown }).type !== 'object'), [definition.schema]);
  const searchField = fields.find((f) => f.key === titleField(definition.schema));
  const columns = useMemo(
    () => [...(searchField ? [searchField] : []), ...keyFields(definition.schema, 5).filter((f) => f.key !== searchField?.key)].slice(0, 5),
    [definition.schema, searchField],
  );
  const current = useSession();
  const me = current.status === 'signed-in' ? current.user.id : undefined;
  const page = useRecordList(definition.entity, controls, fields, searchField?.key ?? 'title', me);
  const toast = useToast();
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const imported = (count: number) => {
    setImporting(false);
    toast(w('import.done', { count }), 'success');
    setControls((c) => ({ ...c })); // a new object: the list loads again
  };
  const download = async () => {
    setExporting(true);
    try {
      const context = { now: new Date(), timeZone: BUSINESS_TIME_ZONE, me };
      const query = { filter: listFilter(controls, fields, searchField?.key ?? 'title', context), sort: listSort(controls) };
      const count = await exportCsv(definition.entity, query, fields);
      toast(w('list.exported', { count }), 'success');
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      setExporting(false);
    }
  };
  const change = (patch: Partial<ListControls>) => {
    setSelected(new Set());
    setControls((c) => ({ ...c, ...patch }));
  };
  // Records ticked on this page, for handing them over at once.
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const items = page.status === 'ready' ? page.value.items : [];
  const name = (record: WorkRecord) => recordName(record, label(definition.schema['x-labels']), formatDay);
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const allTicked = items.length > 0 && items.every((r) => selected.has(r.id));
  const sortBy = (key: string) =>
    change({ sortBy: key, direction: controls.sortBy === key && controls.direction === 1 ? -1 : 1, skip: 0 });
  const header = (key: string, text: string) => (
    <th key={key} aria-sort={controls.sortBy === key ? (controls.direction === 1 ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="th-sort" onClick={() => sortBy(key)}>
        {text}
        {controls.sortBy === key ? (controls.direction === 1 ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );

  return (
    <section className="panel work-list">
      <div className="list-head">
        <ListToolbar controls={controls} onChange={change} stages={stages} searchField={searchField} />
        <SegmentPicker entity={definition.entity} controls={controls} fields={fields} onApply={setControls} />
        <button type="button" className="btn" disabled={exporting} onClick={() => void download()}>
          {w('list.export')}
        </button>
        <button type="button" className="btn" onClick={() => setImporting(true)}>
          {w('list.import')}
        </button>
      </div>
      {controls.from && (
        <p className="drill-from" data-testid="drill-from">
          <span>{w('list.fromReport', { label: controls.from.label })}</span>{' '}
          <button
            type="button"
            className="btn btn-sm"
            aria-label={w('list.fromReportClear')}
            onClick={() => {
              window.history.replaceState(null, '', window.location.pathname);
              change({ from: undefined });
            }}
          >
            ×
          </button>
        </p>
      )}
      <BulkHandOverBar
        entity={definition.entity}
        selected={items.filter((r) => selected.has(r.id)).map((record) => ({ record, name: name(record) }))}
        onClear={() => setSelected(new Set())}
        onChanged={() => setControls((c) => ({ ...c }))}
      />
      <FilterBar conditions={controls.conditions} fields={fields} stages={stages} onChange={(conditions) => change({ conditions, skip: 0 })} />
      {page.status === 'error' && <p role="alert">{t('common.loadFailed', { message: page.message })}</p>}
      {page.status === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {page.status === 'ready' && (
        <>
          <div className="table-wrap">
            <table className="work-table">
              <thead>
                <tr>
                  <th className="select-cell">
                    <input
                      type="checkbox"
                      aria-label={w('list.selectPage')}
                      checked={allTicked}
                      onChange={() => setSelected(allTicked ? new Set() : new Set(items.map((r) => r.id)))}
                    />
                  </th>
                  {columns.map((f) => header(f.key, label(f.labels, f.key)))}
                  {header('stage', w('record.stage'))}
                  {header('owner', w('record.owner'))}
                  {header('updatedAt', w('list.updated'))}
                </tr>
              </thead>
              <tbody>
                {page.value.items.map((record) => (
                  <tr key={record.id} data-record={record.id} aria-selected={selected.has(record.id)}>
                    <td className="select-cell">
                      <input type="checkbox" aria-label={w('list.select', { name: name(record) })} checked={selected.has(record.id)} onChange={() => toggle(record.id)} />
                    </td>
                    {columns.map((f, i) => (
                      <td key={f.key}>
                        {i === 0 ? (
                          <Link to={workPaths.record(definition.entity, record.id)}>{name(record)}</Link>
                        ) : (
                          <FieldValue field={f} value={record.data[f.key]} />
                        )}
                      </td>
                    ))}
                    <td>
                      <span className="stage-badge">{stageTitle(stageOf(stages, record.state), label, record.state)}</span>
                    </td>
                    <td>{record.owner && <UserName id={record.owner} />}</td>
                    <td className="nowrap">{formatDate(record.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {page.value.items.length === 0 && <p className="muted list-empty">{w('list.empty')}</p>}
          </div>
          <div className="pager">
            <span className="muted">
              {w('list.page', {
                from: page.value.total === 0 ? 0 : controls.skip + 1,
                to: Math.min(controls.skip + PAGE_SIZE, page.value.total),
                total: page.value.total,
              })}
            </span>
            <button type="button" className="btn btn-sm" disabled={controls.skip === 0} onClick={() => change({ skip: Math.max(0, controls.skip - PAGE_SIZE) })}>
              ← {w('list.prev')}
            </button>
            <button
              type="button"
              className="btn btn-sm"
              disabled={controls.skip + PAGE_SIZE >= page.value.total}
              onClick={() => change({ skip: controls.skip + PAGE_SIZE })}
            >
              {w('list.next')} →
            </button>
          </div>
        </>
      )}
      {importing && <ImportDialog definition={definition} onClose={() => setImporting(false)} onImported={imported} />}
    </section>
  );
}
