/** An object of string values edited as key → value rows (e.g. createRecord's `copy`). */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/useI18n.js';

export interface MapInputProps {
  id: string;
  label: ReactNode;
  value: Record<string, string>;
  onChange: (value: Record<string, string> | undefined) => void;
}

export function MapInput({ id, label, value, onChange }: MapInputProps) {
  const { t } = useI18n();
  const rows = Object.entries(value);
  const write = (next: [string, string][]) =>
    onChange(next.length > 0 ? Object.fromEntries(next) : undefined);
  return (
    <fieldset className="form-group" id={id}>
      <legend>{label}</legend>
      {rows.map(([k, v], i) => (
        <div key={i} className="map-row">
          <input
            aria-label={t('form.mapKey')}
            value={k}
            onChange={(e) => write(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
          />
          <span aria-hidden="true">→</span>
          <input
            aria-label={t('form.mapValue')}
            value={v}
            onChange={(e) => write(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
          />
          <button
            type="button"
            className="btn btn-icon btn-sm"
            aria-label={t('common.remove')}
            onClick={() => write(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-link btn-sm"
        onClick={() => write([...rows, [`key${rows.length + 1}`, '']])}
      >
        + {t('form.addRow')}
      </button>
    </fieldset>
  );
}
