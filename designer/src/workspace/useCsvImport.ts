/**
 * The steps of a CSV import: read the chosen file (./csv-import.ts), ask the server to
 * check every row (a dry run), then import all rows at once. Each answer is kept as the
 * list of row issues, by line; a newer file makes the answers about an older one moot.
 */
import { useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { messageOf } from '../api/loadable.js';
import { prepareImport, requestRows, serverIssues, sortIssues, type ImportPreview, type RowIssue } from './csv-import.js';
import type { Field } from './pipeline-model.js';
import { workspaceApi } from './workspace-api.js';

export type ImportStep =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'checked'; issues: RowIssue[] }
  | { status: 'failed'; message: string }
  | { status: 'importing' };

type Outcome = { ok: true; count: number } | { ok: false; issues: RowIssue[] } | { ok: false; message: string };

async function send(entity: string, preview: ImportPreview, dryRun: boolean): Promise<Outcome> {
  try {
    const reply = await workspaceApi.importRecords(entity, requestRows(preview), dryRun);
    return { ok: true, count: 'valid' in reply ? reply.valid : reply.imported };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'import-rejected') return { ok: false, issues: serverIssues(preview, error.issues) };
    return { ok: false, message: messageOf(error) };
  }
}

/** The import's state and its two actions: `choose` a file, `run` the import. */
export function useCsvImport(entity: string, fields: Field[], onImported: (count: number) => void) {
  const [file, setFile] = useState<{ name: string; preview: ImportPreview }>();
  const [step, setStep] = useState<ImportStep>({ status: 'idle' });
  const latest = useRef(0);

  const settle = (preview: ImportPreview, outcome: Outcome) => {
    if ('message' in outcome) setStep({ status: 'failed', message: outcome.message });
    else {
      const remote = outcome.ok ? [] : outcome.issues;
      setStep({ status: 'checked', issues: sortIssues([...preview.issues, ...remote], preview) });
    }
  };

  const choose = async (picked: File) => {
    const run = ++latest.current;
    setStep({ status: 'checking' });
    let preview: ImportPreview;
    try {
      preview = prepareImport(await picked.text(), fields);
    } catch (error) {
      setFile(undefined);
      setStep({ status: 'failed', message: messageOf(error) });
      return;
    }
    if (run !== latest.current) return;
    setFile({ name: picked.name, preview });
    if (preview.problem) {
      setStep({ status: 'idle' });
      return;
    }
    const outcome = await send(entity, preview, true);
    if (run === latest.current) settle(preview, outcome);
  };

  const ready = file !== undefined && !file.preview.problem && step.status === 'checked' && step.issues.length === 0;

  const run = async () => {
    if (!ready) return;
    const current = ++latest.current;
    setStep({ status: 'importing' });
    const outcome = await send(entity, file.preview, false);
    if (current !== latest.current) return;
    if (outcome.ok) onImported(outcome.count);
    else settle(file.preview, outcome);
  };

  return { file, step, ready, choose, run };
}
