/**
 * The contract between the list's filter bar and the server's filter check
 * (engine/api/filter-shape.ts): every filter the web app builds, for every kind of field
 * and operator, with text full of regular-expression characters, is one the server runs.
 */
import { describe, expect, it } from 'vitest';
import { filterIssues } from '../../engine/definitions/filter-shape.js';
import { conditionKind, INITIAL_CONTROLS, listFilter } from '../../designer/src/workspace/list-filter.js';
import { filterFields, opsFor, type Condition } from '../../designer/src/workspace/filter-ops.js';
import { listFields } from '../../designer/src/workspace/pipeline-model.js';
import { schema } from './list-filter-schema.js';

const fields = listFields(schema);
const context = { now: new Date('2026-11-23T03:00:00Z'), timeZone: 'Asia/Ho_Chi_Minh', me: 'lan' };
const HOSTILE = 'Đoàn (Hà|Sa) [VIP] a+b* ^$ \\ {2} ?.';

function valueFor(op: string, kind: string): Condition['value'] {
  if (op === 'between') return kind === 'date' || kind === 'dateTime' ? ['2026-01-01', '2026-12-31'] : ['1', '9'];
  if (op === 'anyOf') return kind === 'list' ? [HOSTILE, 'Huế'] : ['VIP1', 'Loyal'];
  if (op === 'inMonth') return '11';
  if (op === 'lastDays' || op === 'nextDays') return '7';
  if (['eq', 'gte', 'lte'].includes(op)) return '5';
  if (['on', 'before', 'after'].includes(op)) return '2026-11-23';
  return HOSTILE;
}

describe('filters the web app builds', () => {
  it('passes the server\'s check for every field kind and operator', () => {
    let checked = 0;
    for (const field of filterFields(fields)) {
      const kind = conditionKind(field.key, fields.find((f) => f.key === field.key));
      if (!kind) continue;
      for (const op of opsFor(kind)) {
        const condition: Condition = { field: field.key, op, value: valueFor(op, kind) };
        const filter = listFilter({ ...INITIAL_CONTROLS, search: HOSTILE, conditions: [condition] }, fields, 'name', context);
        expect(filterIssues(filter, '/query/filter'), `${field.key} ${op}: ${JSON.stringify(filter)}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
