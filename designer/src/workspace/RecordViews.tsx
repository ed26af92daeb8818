/**
 * The record views pack.json declares for the record's entity (`recordViews`), as tables
 * at the top of the record page: for an account, its transaction history and interest
 * list. Columns, their titles and the rows come from the server; this file only formats.
 */
import type { Loadable } from '../api/loadable.js';
import { Link } from '../app/Link.js';
import type { FieldSchema } from '../model/pack-types.js';
import { FieldValue } from './FieldValue.js';
import { recordName } from './pipeline-model.js';
import type { RecordViewResult, RelatedRecords, ViewCell, ViewColumn } from './related-api.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';
import './related.css';

function CellValue({ column, cell, link }: { column: ViewColumn; cell: ViewCell; link: boolean }) {
  const { label, formatDate, w } = useWorkText();
  if (cell.value === undefined || cell.value === null || cell.value === '') return <span className="muted">—</span>;
  let shown;
  if (column.path === '$stage') shown = <span className="stage-badge stage-badge-small">{label(cell.labels, typeof cell.value === 'string' ? cell.value : '')}</span>;
  else if (cell.labels) shown = <>{label(cell.labels)}</>;
  else if ((column.path === '$createdAt' || column.path === '$updatedAt') && typeof cell.value === 'string') shown = <>{formatDate(cell.value)}</>;
  else if (cell.ref && column.field?.['x-ref']) shown = <>{cell.ref.title ?? w('ref.untitled')}</>;
  else shown = <FieldValue field={{ key: column.path, schema: (column.field ?? {}) as unknown as FieldSchema }} value={cell.value} />;
  if (!cell.ref || !link) return shown;
  return (
    <Link to={workPaths.record(cell.ref.entity, cell.ref.id)} data-record={cell.ref.id} title={cell.ref.title}>
      {shown}
    </Link>
  );
}

function ViewFieldValues({ value }: { value: unknown }) {
  const values = Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value];
  if (values.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="view-chips">
      {values.map((item, i) => (
        <li key={i} className="view-chip">
          {String(item)}
        </li>
      ))}
    </ul>
  );
}

/** Whether each column links to the record it reads: once per reference field in a row, not on every column read through it. */
function linkedColumns(columns: ViewColumn[]): boolean[] {
  const seen = new Set<string>();
  return columns.map((column) => {
    if (!column.path.includes('.')) return true;
    const via = column.path.split('.')[0] ?? '';
    if (seen.has(via)) return false;
    seen.add(via);
    return true;
  });
}

function RecordViewTable({ view }: { view: RecordViewResult }) {
  const { w, label, formatDay } = useWorkText();
  const entityName = label(view.entityLabels, view.entity);
  const links = linkedColumns(view.columns);
  const title = label(view.labels);
  return (
    <section className="panel record-view" data-view={view.id} aria-label={title}>
      <h2>
        {title} <span className="count">{view.total}</span>
      </h2>
      {view.fields.map((field) => (
        <div key={field.field} className="view-field" data-field={field.field}>
          {/* A field named like its view ("Interest list") would say it twice: screen readers only. */}
          <span className={label(field.labels, field.field) === title ? 'sr-only' : 'view-field-label'}>{label(field.labels, field.field)}</span>
          <ViewFieldValues value={field.value} />
        </div>
      ))}
      {view.rows.length === 0 ? (
        <p className="muted view-empty">{w('views.empty', { entity: entityName.toLocaleLowerCase() })}</p>
      ) : (
        <div className="table-wrap">
          <table className="work-table view-table">
            <thead>
              <tr>
                <th scope="col">{entityName}</th>
                {view.columns.map((column) => (
                  <th key={column.path} scope="col" data-path={column.path}>
                    {label(column.labels, column.path)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr key={row.id} data-record={row.id}>
                  <td>
                    <Link to={workPaths.record(row.entity, row.id)} data-record={row.id}>
                      {recordName(row, entityName, formatDay)}
                    </Link>
                  </td>
                  {view.columns.map((column, i) => (
                    <td key={column.path} data-path={column.path}>
                      <CellValue column={column} cell={row.cells[i] ?? {}} link={links[i] ?? true} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.total > view.rows.length && <p className="muted view-more">{w('views.more', { shown: view.rows.length, total: view.total })}</p>}
    </section>
  );
}

/** Nothing until loaded, and nothing for an entity without declared views; errors show in the related panel. */
export function RecordViews({ related }: { related: Loadable<RelatedRecords> }) {
  if (related.status !== 'ready' || related.value.views.length === 0) return null;
  return (
    <div className="record-views">
      {related.value.views.map((view) => (
        <RecordViewTable key={view.id} view={view} />
      ))}
    </div>
  );
}
