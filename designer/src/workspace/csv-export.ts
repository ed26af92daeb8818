/**
 * A list as CSV: every record matching the list's filter (fetched page by page), one
 * column per schema field named by its key (so the file can be imported back), UTF-8
 * with a byte-order mark so that spreadsheet programs read Vietnamese correctly.
 */
import { toCsv } from './csv-write.js';
import type { Field } from './pipeline-model.js';
import { workspaceApi, type ListQuery, type WorkRecord } from './workspace-api.js';

const PAGE = 500;
/** A guard against exporting a whole store by accident from a browser tab. */
export const EXPORT_LIMIT = 20_000;

/** Fetch every matching record (up to EXPORT_LIMIT) and download them as `<entity>.csv`. */
export async function exportCsv(entity: string, query: Omit<ListQuery, 'limit' | 'skip'>, fields: Field[]): Promise<number> {
  const records: WorkRecord[] = [];
  for (let skip = 0; skip < EXPORT_LIMIT; skip += PAGE) {
    const page = await workspaceApi.list(entity, { ...query, limit: PAGE, skip });
    records.push(...page.items);
    if (records.length >= page.total || page.items.length === 0) break;
  }
  downloadCsv(toCsv(records, fields), `${entity}-${new Date().toISOString().slice(0, 10)}.csv`);
  return records.length;
}

/** Hand CSV text to the browser as a file download. */
export function downloadCsv(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
