/**
 * Access through references (DESIGN.md decision 9): a record may only name, in a
 * reference field, a record its writer may see, and an automation acts only on records
 * the person whose event triggered it could reach. Who sees what is the API's policy;
 * the engine asks it through a ReachCheck, and never for a system actor (timers,
 * recurring jobs, effects acting for nobody in particular).
 */
import { refFieldsOf, refIdsAt } from '../../definitions/ref-fields.js';
import type { Issue } from '../../errors.js';
import type { RecordData } from '../../plugins/contract.js';
import type { RecordDoc } from './record.js';

/** The owner and handler of a record: what a visibility decision reads. */
export interface ReachedRecord {
  entity: string;
  id: string;
  owner?: string;
  handler?: string;
}

/** Whether the user `actor` may see `record` (false for an unknown or disabled user). */
export type ReachCheck = (actor: string, record: ReachedRecord) => Promise<boolean>;

/** Actors that are the engine itself (`system:timer`, `system:effect:…`), never a person. */
export function isSystemActor(actor: string): boolean {
  return actor.startsWith('system:');
}

/** The holders of a stored record, as a ReachCheck reads them. */
export function reachedRecord(doc: RecordDoc): ReachedRecord {
  return { entity: doc.entity, id: doc._id, ...(doc.owner ? { owner: doc.owner } : {}), ...(doc.handler ? { handler: doc.handler } : {}) };
}

/**
 * The references that `after` adds to a record of `schema` (compared with `before`) and
 * that name a record `actor` may not see, or none at all: one issue each, worded alike
 * so that a refused id tells nothing about whether it exists. Empty for system actors or
 * without a check.
 * @example await unreachableReferences(load, schema, current.data, next.data, 'lan', reach) // [{ pointer: '/data/contractId', message: 'there is no contract with this id' }]
 */
export async function unreachableReferences(
  load: (id: string) => Promise<RecordDoc | undefined>,
  schema: unknown,
  before: RecordData | undefined,
  after: RecordData,
  actor: string,
  reach: ReachCheck | undefined,
  pointer = '/data',
): Promise<Issue[]> {
  if (reach === undefined || isSystemActor(actor)) return [];
  const issues: Issue[] = [];
  for (const ref of refFieldsOf(schema)) {
    const known = new Set(before === undefined ? [] : refIdsAt(before, ref.path));
    for (const id of new Set(refIdsAt(after, ref.path))) {
      if (known.has(id)) continue;
      const target = await load(id);
      const ok = target !== undefined && target.entity === ref.entity && (await reach(actor, reachedRecord(target)));
      if (!ok) issues.push({ pointer: `${pointer}/${ref.path.split('.').join('/')}`, message: `there is no ${ref.entity} with the id ${id}` });
    }
  }
  return issues;
}

/** The same for the rows of an import (pointers `/rows/<n>/data/…`), and which rows fail. */
export async function unreachableInRows(
  load: (id: string) => Promise<RecordDoc | undefined>,
  schema: unknown,
  rows: RecordData[],
  actor: string,
  reach: ReachCheck | undefined,
): Promise<{ issues: Issue[]; rejected: number[] }> {
  const issues: Issue[] = [];
  const rejected: number[] = [];
  for (const [index, data] of rows.entries()) {
    const found = await unreachableReferences(load, schema, undefined, data, actor, reach, `/rows/${index}/data`);
    if (found.length > 0) rejected.push(index);
    issues.push(...found);
  }
  return { issues, rejected };
}
