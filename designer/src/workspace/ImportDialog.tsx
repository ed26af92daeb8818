/**
 * Import records from a CSV file: pick the file, see how its columns were matched, a
 * preview of the first rows and every row's errors by line (checked here and by the
 * server's dry run), then import all rows at once. The Import button stays disabled
 * while any error remains: nothing is ever half-imported.
 */
import { useMemo } from 'react';
import type { Labels } from '../model/pack-types.js';
import { Dialog } from '../ui/Dialog.js';
import { IMPORT_ROW_LIMIT, type FileProblem, type RowIssue } from './csv-import.js';
import { ImportPreviewTable } from './ImportPreviewTable.js';
import { listFields, type Field } from './pipeline-model.js';
import { useCsvImport } from './useCsvImport.js';
import { useWorkText } from './useWorkText.js';
import type { Definition } from './workspace-api.js';
import './import-dialog.css';

type WorkText = ReturnType<typeof useWorkText>;

/** What is wrong with one row, in the user's language. */
function issueText(issue: RowIssue, field: Field | undefined, { w }: WorkText): string {
  const options = (field?.schema as { enum?: unknown[] } | undefined)?.enum ?? [];
  const text: Record<RowIssue['code'], string> = {
    number: w('issue.number'),
    integer: w('issue.integer'),
    boolean: w('issue.boolean'),
    date: w('issue.date'),
    dateTime: w('issue.dateTime'),
    json: w('issue.json'),
    required: w('error.required'),
    pattern: w('error.pattern'),
    format: w('error.format'),
    enum: w('issue.enum', { values: options.map(String).join(', ') }),
    short: w('error.short'),
    long: w('issue.long'),
    range: w('error.range'),
    type: w('issue.type'),
    other: issue.message ?? w('issue.row'),
  };
  return issue.value ? `${text[issue.code]} ("${issue.value}")` : text[issue.code];
}

function problemText(problem: FileProblem, { w }: WorkText): string {
  switch (problem.code) {
    case 'empty':
      return w('import.empty');
    case 'noColumns':
      return w('import.noColumns');
    case 'tooMany':
      return w('import.tooMany', { rows: problem.rows, limit: IMPORT_ROW_LIMIT });
    case 'malformed':
      return w('import.malformed', { line: problem.line });
  }
}

export interface ImportDialogProps {
  definition: Definition;
  onClose: () => void;
  onImported: (count: number) => void;
}

export function ImportDialog({ definition, onClose, onImported }: ImportDialogProps) {
  const text = useWorkText();
  const { w, label } = text;
  const fields = useMemo(() => listFields(definition.schema), [definition.schema]);
  const { file, step, ready, choose, run } = useCsvImport(definition.entity, fields, onImported);
  const preview = file?.preview;
  const issues = step.status === 'checked' ? step.issues : [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const required = (definition.schema.required ?? []).map((key) => label(byKey.get(key)?.labels, key));
  const entityLabel = label((definition.schema as { 'x-labels'?: Labels })['x-labels'], definition.entity);
  const busy = step.status === 'checking' || step.status === 'importing';

  return (
    <Dialog
      title={w('import.title', { entity: entityLabel })}
      onCancel={() => step.status !== 'importing' && onClose()}
      onConfirm={() => void run()}
      confirmLabel={preview && !preview.problem ? w('import.confirm', { count: preview.rows.length }) : w('list.import')}
      confirmDisabled={!ready}
      wide
    >
      <div className="import-dialog">
        <p className="dialog-lead">{w('import.lead')}</p>
        <div className="import-pick">
          <label>
            <span>{w('import.file')}</span>
            <input
              type="file"
              accept=".csv,text/csv"
              disabled={step.status === 'importing'}
              onChange={(e) => {
                const picked = e.target.files?.[0];
                if (picked) void choose(picked);
              }}
            />
          </label>
          {required.length > 0 && <span className="muted">{w('import.required', { fields: required.join(', ') })}</span>}
        </div>
        {preview && (
          <p className="import-summary" data-testid="import-summary">
            {w('import.summary', { file: file.name, rows: preview.rows.length, columns: preview.columns.length })}
            {preview.ignored.length > 0 && (
              <span className="muted"> · {w('import.ignored', { columns: preview.ignored.join(', ') })}</span>
            )}
          </p>
        )}
        {preview?.problem && (
          <p role="alert" className="import-alert">
            {problemText(preview.problem, text)}
          </p>
        )}
        {busy && (
          <p role="status" className="import-progress">
            <progress aria-label={w(step.status === 'importing' ? 'import.importing' : 'import.checking', { count: preview?.rows.length ?? 0 })} />
            {w(step.status === 'importing' ? 'import.importing' : 'import.checking', { count: preview?.rows.length ?? 0 })}
          </p>
        )}
        {step.status === 'failed' && (
          <p role="alert" className="import-alert">
            {w('import.failed', { message: step.message })}
          </p>
        )}
        {step.status === 'checked' && issues.length === 0 && (
          <p role="status" className="import-ok">
            ✓ {w('import.valid', { count: preview?.rows.length ?? 0 })}
          </p>
        )}
        {issues.length > 0 && (
          <div role="alert" className="import-errors">
            <p className="import-errors-head">{issues.length === 1 ? w('import.errorOne') : w('import.errors', { count: issues.length })}</p>
            <ul>
              {issues.map((issue, n) => (
                <li key={n} data-line={issue.line} data-field={issue.field}>
                  <strong>{w('import.line', { line: issue.line })}</strong>
                  {' · '}
                  {issue.field ? `${label(byKey.get(issue.field)?.labels, issue.field)}: ` : ''}
                  {issueText(issue, issue.field ? byKey.get(issue.field) : undefined, text)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {preview && !preview.problem && <ImportPreviewTable preview={preview} issues={issues} />}
      </div>
    </Dialog>
  );
}
