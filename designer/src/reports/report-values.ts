/**
 * A report's values as people read them: VND amounts and numbers in the chosen language,
 * months as 11/2026 or Nov 2026, people by name, stages and choices by their labels.
 */
import { useEffect, useMemo, useState } from 'react';
import type { EntitySchema, Labels } from '../model/pack-types.js';
import type { Stage } from '../workspace/pipeline-model.js';
import { directoryUsers } from '../workspace/users-api.js';
import type { ReportColumn } from './reports-api.js';
import { useReportText } from './useReportText.js';

export type ValueText = (column: ReportColumn, value: unknown) => string;

/** `others`: the schemas of entities a column's choices come from (a product's tour type), by entity. */
export function useValueText(schema: EntitySchema | undefined, stages: Stage[], others: Record<string, EntitySchema | undefined> = {}): ValueText {
  const { lang, label, formatMoney, formatNumber } = useReportText();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    directoryUsers().then(
      (users) => setNames(new Map(users.map((u) => [u.id, u.name]))),
      () => undefined, // ids are shown instead
    );
  }, []);
  return useMemo(() => {
    const months = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const choices = (field: string, entity?: string) => ((entity ? others[entity] : schema)?.properties as Record<string, { 'x-enumLabels'?: Record<string, Labels> }> | undefined)?.[field]?.['x-enumLabels'];
    return (column, value) => {
      if (value === undefined || value === null || value === '' || value === 'none') return '—';
      if (column.format === 'labels' && typeof value === 'object') return label(value, '—');
      const raw = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
      switch (column.format) {
        case 'money':
          return typeof value === 'number' ? formatMoney(value) : raw;
        case 'number':
          return typeof value === 'number' ? formatNumber(value) : raw;
        case 'percent':
          return typeof value === 'number' ? `${formatNumber(Math.round(value * 1000) / 10)} %` : raw;
        case 'month': {
          const match = /^(\d{4})-(\d{2})$/.exec(raw);
          if (!match) return raw;
          return lang === 'vi' ? `${match[2]}/${match[1]}` : months.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
        }
        case 'user':
          return names.get(raw) ?? raw;
        case 'choice': {
          const text = raw;
          if (column.field === 'stage') return label(stages.find((s) => s.path === text)?.labels, text);
          return label(column.field ? choices(column.field, column.entity)?.[text] : undefined, text);
        }
        default:
          return raw;
      }
    };
  }, [lang, label, formatMoney, formatNumber, names, schema, stages, others]);
}
