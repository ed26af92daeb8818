/** The first rows of a CSV file as they will be imported: values as read, cells in error marked. */
import type { ImportPreview, RowIssue } from './csv-import.js';
import { FieldValue } from './FieldValue.js';
import { useWorkText } from './useWorkText.js';

/** How many rows the preview shows; the issue list covers every row. */
export const PREVIEW_ROWS = 20;

export function ImportPreviewTable({ preview, issues }: { preview: ImportPreview; issues: RowIssue[] }) {
  const { w, label } = useWorkText();
  const wrong = new Set(issues.map((i) => `${i.line}/${i.field ?? ''}`));
  const rowsInError = new Set(issues.map((i) => i.line));
  const shown = preview.rows.slice(0, PREVIEW_ROWS);
  return (
    <div className="import-preview">
      <div className="table-wrap">
        <table className="work-table import-table">
          <thead>
            <tr>
              <th scope="col" className="import-line">
                {w('import.lineColumn')}
              </th>
              {preview.columns.map((c) => (
                <th key={c.index} scope="col" title={c.header}>
                  {c.field ? label(c.field.labels, c.field.key) : w('record.owner')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.line} className={rowsInError.has(row.line) ? 'import-row-error' : undefined}>
                <td className="import-line">{row.line}</td>
                {preview.columns.map((c) => {
                  const text = row.cells[c.index] ?? '';
                  if (!c.field) return <td key={c.index}>{row.owner}</td>;
                  if (wrong.has(`${row.line}/${c.field.key}`)) {
                    return (
                      <td key={c.index} className="import-cell-error" data-line={row.line} data-field={c.field.key}>
                        {text || '—'}
                      </td>
                    );
                  }
                  return (
                    <td key={c.index}>
                      <FieldValue field={c.field} value={row.data[c.field.key]} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.rows.length > shown.length && (
        <p className="muted import-note">{w('import.previewNote', { shown: shown.length, total: preview.rows.length })}</p>
      )}
    </div>
  );
}
