/**
 * A rule's conditions as people edit them: rows of "field is value" or "field has a value",
 * all of which must hold; and back to the MongoDB query the engine runs. A query the rows
 * cannot say (written in a pack by hand) is kept as it is, shown as "advanced".
 */
export interface ConditionRow {
  field: string;
  op: 'is' | 'set';
  value: string;
}

/** The rows of a query, or undefined when it says more than rows can. */
export function rowsOf(when: Record<string, unknown> | undefined): ConditionRow[] | undefined {
  if (!when) return [];
  const rows: ConditionRow[] = [];
  for (const [path, test] of Object.entries(when)) {
    if (!path.startsWith('data.') || path.slice(5).includes('.')) return undefined;
    const field = path.slice(5);
    if (typeof test === 'string') rows.push({ field, op: 'is', value: test });
    else if (typeof test === 'object' && test !== null && Object.keys(test).length === 1 && (test as Record<string, unknown>).$exists === true) rows.push({ field, op: 'set', value: '' });
    else return undefined;
  }
  return rows;
}

/** The query of rows (none: undefined, every record). */
export function whenOf(rows: ConditionRow[]): Record<string, unknown> | undefined {
  const complete = rows.filter((r) => r.field !== '' && (r.op === 'set' || r.value !== ''));
  if (complete.length === 0) return undefined;
  return Object.fromEntries(complete.map((r) => [`data.${r.field}`, r.op === 'set' ? { $exists: true } : r.value]));
}
