/** A report's rows as its declared chart (ECharts): bars or lines by a column, split into series; a funnel; one big number. */
import ReactECharts from 'echarts-for-react';
import { useMemo } from 'react';
import type { ReportSummary, Row } from './reports-api.js';
import { valueAt } from './reports-api.js';
import type { ValueText } from './report-values.js';
import { useReportText } from './useReportText.js';

/**
 * `onDrill` gets the raw values of the columns a clicked bar, point or funnel step stands
 * for (its x value, and its series' value when the chart has series).
 */
export function ReportChart({ report, rows, text, onDrill }: { report: ReportSummary; rows: Row[]; text: ValueText; onDrill?: (values: Row) => void }) {
  const { label, r, lang } = useReportText();
  const compact = useMemo(() => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { notation: 'compact', maximumFractionDigits: 1 }), [lang]);
  const column = (key: string | undefined) => report.columns.find((c) => c.key === key);
  // Shown text → the raw value it stands for, per column: what a click drills into.
  const raw = useMemo(() => {
    const map = new Map<string, Map<string, unknown>>();
    for (const column of report.columns) {
      const values = new Map<string, unknown>();
      for (const row of rows) values.set(text(column, valueAt(row, column.key)), valueAt(row, column.key));
      map.set(column.key, values);
    }
    return map;
  }, [report, rows, text]);
  const option = useMemo(() => {
    const { kind, x, y = [], series } = report.chart;
    const xCol = column(x);
    const yCols = y.map(column).filter((c): c is NonNullable<typeof c> => c !== undefined);
    const first = yCols[0];
    const tooltip = { trigger: kind === 'funnel' ? 'item' : 'axis', valueFormatter: (v: number) => (first ? text(first, v) : String(v)) };
    if (kind === 'funnel' && xCol && first) {
      return { animation: false, tooltip, series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', label: { position: 'inside', formatter: '{b}: {c}', color: '#0f172a' }, data: rows.map((row) => ({ name: text(xCol, valueAt(row, xCol.key)), value: Number(valueAt(row, first.key) ?? 0) })) }] };
    }
    if (!xCol || !first) return undefined;
    const categories = [...new Set(rows.map((row) => text(xCol, valueAt(row, xCol.key))))];
    const seriesCol = column(series);
    const groups = seriesCol ? [...new Set(rows.map((row) => text(seriesCol, valueAt(row, seriesCol.key))))] : yCols.map((c) => label(c.labels));
    const data = groups.map((group, g) => {
      const measure = seriesCol ? first : (yCols[g] ?? first);
      const values = categories.map((category) =>
        rows
          .filter((row) => text(xCol, valueAt(row, xCol.key)) === category && (!seriesCol || text(seriesCol, valueAt(row, seriesCol.key)) === group))
          .reduce((sum, row) => sum + Number(valueAt(row, measure.key) ?? 0), 0),
      );
      return { name: group, type: kind === 'line' ? 'line' : 'bar', stack: seriesCol && kind === 'bar' ? 'total' : undefined, data: values };
    });
    return {
      // Figures shown at once, as they are: no growing bars to wait for.
      animation: false,
      tooltip,
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      // A few categories: every name, wrapped (tour types, stages); many (months): as many as fit.
      xAxis: { type: 'category', data: categories, axisLabel: { interval: categories.length <= 8 ? 0 : 'auto', width: 96, overflow: 'break', lineHeight: 14 } },
      // Counts are whole; amounts short on the axis ("400 Tr", "400M"), in full in the tooltip and table.
      yAxis: { type: 'value', minInterval: first.format === 'number' ? 1 : undefined, axisLabel: { formatter: (v: number) => compact.format(v) } },
      series: data,
    };
  }, [report, rows, text, label, compact]);
  if (report.chart.kind === 'number') {
    const first = column(report.chart.y?.[0]);
    const total = rows.reduce((sum, row) => sum + Number(first ? (valueAt(row, first.key) ?? 0) : 0), 0);
    return (
      <p className="report-number" aria-label={first ? label(first.labels) : r('total')}>
        {first ? text(first, total) : total}
      </p>
    );
  }
  if (report.chart.kind === 'table' || !option) return null;
  const onEvents = onDrill
    ? {
        click: (event: { name?: string; seriesName?: string }) => {
          const { x, series } = report.chart;
          const values: Row = {};
          if (x && event.name !== undefined) values[x] = raw.get(x)?.get(event.name);
          if (series && event.seriesName !== undefined && raw.get(series)?.has(event.seriesName)) values[series] = raw.get(series)?.get(event.seriesName);
          onDrill(values);
        },
      }
    : undefined;
  return <ReactECharts option={option} notMerge style={{ height: 280, width: '100%', cursor: onDrill ? 'pointer' : undefined }} opts={{ renderer: 'canvas' }} {...(onEvents ? { onEvents } : {})} />;
}
