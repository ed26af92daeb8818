/** One report on the dashboard: its chart (or table), the rows it came from, and a CSV of them. */
import { useEffect, useMemo, useState } from 'react';
import { isAbort } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { Link } from '../app/Link.js';
import { navigation } from '../app/navigation.js';
import { csvText } from '../workspace/csv-write.js';
import { workPaths } from '../workspace/work-routes.js';
import { downloadCsv } from '../workspace/csv-export.js';
import { usePipeline } from '../workspace/usePipeline.js';
import { ReportChart } from './ReportChart.js';
import { useValueText } from './report-values.js';
import { reportsApi, valueAt, type ReportSummary, type Row } from './reports-api.js';
import { useReportText } from './useReportText.js';

/** `wide`: as wide as the page (a dashboard's choice). */
export function ReportPanel({ report, params, wide = false }: { report: ReportSummary; params: Record<string, string>; wide?: boolean }) {
  const { r, label } = useReportText();
  const pipeline = usePipeline(report.entity);
  const ready = pipeline.status === 'ready' ? pipeline.value : undefined;
  // Choices labelled by another entity's field (a product's tour type).
  const otherEntity = report.columns.find((c) => c.entity !== undefined && c.entity !== report.entity)?.entity;
  const other = usePipeline(otherEntity ?? report.entity);
  const otherSchema = other.status === 'ready' ? other.value.definition.schema : undefined;
  const others = useMemo(() => (otherEntity ? { [otherEntity]: otherSchema } : {}), [otherEntity, otherSchema]);
  const text = useValueText(ready?.definition.schema, ready?.stages ?? [], others);
  const [rows, setRows] = useState<Loadable<Row[]>>({ status: 'loading' });
  const [applied, setApplied] = useState<Record<string, unknown>>({});
  const [asTable, setAsTable] = useState(report.chart.kind === 'table');
  const key = JSON.stringify(params);
  useEffect(() => {
    const abort = new AbortController();
    setRows({ status: 'loading' });
    reportsApi
      .run(report.id, JSON.parse(key) as Record<string, string>, abort.signal)
      .then((result) => {
        setRows({ status: 'ready', value: result.rows });
        setApplied(result.params);
      })
      .catch((error: unknown) => {
        if (!isAbort(error)) setRows({ status: 'error', message: messageOf(error) });
      });
    return () => abort.abort();
  }, [report.id, key]);

  // The records behind a figure: the drill's fields with the figure's values, within the period asked.
  const drill = (values: Row): string | undefined => {
    if (values._drill) {
      const figure = [label(report.labels), ...report.columns.filter((c) => c.format === 'labels').map((c) => text(c, values[c.key]))].join(' · ');
      return `${workPaths.list(values._drill.entity)}?${new URLSearchParams({ where: JSON.stringify(values._drill.where), label: figure }).toString()}`;
    }
    if (!report.drill) return undefined;
    const filter: Record<string, unknown> = { ...report.base };
    for (const [path, column] of Object.entries(report.drill)) {
      if (!(column in values)) continue;
      const value = values[column];
      filter[path] = value === 'none' || value === null || value === undefined ? { $exists: false } : value;
    }
    for (const [name, param] of Object.entries(report.params ?? {})) {
      const given = applied[name];
      if (param.kind === 'period' && given && typeof given === 'object') {
        const period = given as { from: string; to: string; fromDay: string; toDay: string };
        const dateOnly = (ready?.definition.schema.properties as Record<string, { format?: string }> | undefined)?.[param.field.replace(/^data\./, '')]?.format === 'date';
        filter[param.field] = dateOnly ? { $gte: period.fromDay, $lt: period.toDay } : { $gte: period.from, $lt: period.to };
      } else if (param.kind !== 'period' && typeof given === 'string') filter[param.field] = given;
    }
    // Named by what narrows it: the report and the values of its drill columns.
    const used = new Set(Object.values(report.drill));
    const figure = [label(report.labels), ...report.columns.filter((c) => used.has(c.key) && c.key in values).map((c) => text(c, values[c.key]))].join(' · ');
    return `${workPaths.list(report.entity)}?${new URLSearchParams({ where: JSON.stringify(filter), label: figure }).toString()}`;
  };

  const download = () => {
    if (rows.status !== 'ready') return;
    const header = report.columns.map((c) => label(c.labels));
    // Amounts and counts as numbers (a spreadsheet sums them); names and labels as people read them.
    const cells = rows.value.map((row) => report.columns.map((c) => (c.format === 'money' || c.format === 'number' || c.format === 'percent' ? valueAt(row, c.key) : text(c, valueAt(row, c.key)))));
    downloadCsv(csvText(header, cells), `${report.id}-${new Date().toISOString().slice(0, 10)}.csv`);
  };

  return (
    <section className={wide ? 'panel report-panel report-wide' : 'panel report-panel'} aria-labelledby={`report-${report.id}`} data-report={report.id}>
      <header className="report-head">
        <div>
          <h2 id={`report-${report.id}`}>{label(report.labels)}</h2>
          {report.description && <p className="muted">{label(report.description)}</p>}
        </div>
        <div className="report-actions">
          {report.chart.kind !== 'table' && (
            <button type="button" className="btn btn-sm" aria-pressed={asTable} onClick={() => setAsTable((t) => !t)}>
              {asTable ? r('chart') : r('table')}
            </button>
          )}
          <button type="button" className="btn btn-sm" disabled={rows.status !== 'ready'} onClick={download}>
            {r('csv')}
          </button>
        </div>
      </header>
      {rows.status === 'loading' && <p className="muted">…</p>}
      {rows.status === 'error' && <p role="alert">{r('loadFailed', { message: rows.message })}</p>}
      {rows.status === 'ready' && rows.value.length === 0 && <p className="muted">{r('empty')}</p>}
      {rows.status === 'ready' && rows.value.length > 0 && (
        <>
          {!asTable && (
            <ReportChart
              report={report}
              rows={rows.value}
              text={text}
              {...(report.drill || rows.value.some((row) => row._drill)
                ? {
                    onDrill: (values: Row) => {
                      // A funnel step names its records itself: the row clicked.
                      const x = report.chart.x;
                      const row = x === undefined ? undefined : rows.value.find((candidate) => candidate._drill && valueAt(candidate, x) === values[x]);
                      const to = drill(row ?? values);
                      if (to) navigation.navigate(to);
                    },
                  }
                : {})}
            />
          )}
          {asTable && (
            <div className="table-wrap">
              <table className="work-table report-table">
                <thead>
                  <tr>
                    {report.columns.map((c) => (
                      <th key={c.key} className={c.format === 'money' || c.format === 'number' || c.format === 'percent' ? 'num' : undefined}>
                        {label(c.labels)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.value.map((row, i) => {
                    const to = drill({ ...Object.fromEntries(report.columns.map((c) => [c.key, valueAt(row, c.key)])), ...(row._drill ? { _drill: row._drill } : {}) });
                    return (
                      <tr key={i}>
                        {report.columns.map((c, j) => (
                          <td key={c.key} className={c.format === 'money' || c.format === 'number' || c.format === 'percent' ? 'num' : undefined}>
                            {j === 0 && to ? <Link to={to}>{text(c, valueAt(row, c.key))}</Link> : text(c, valueAt(row, c.key))}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
