/**
 * What a record's messages led to, declared on its schema with `x-funnel` (the people
 * it made interested, then what they became, step by step): each step counts the records of an entity
 * whose `link` field holds this record's id, or the id of a record of an earlier step
 * (`of`), optionally only those in `stage`.
 */
import type { EntitySchema, Labels } from '../../../definitions/definition.js';
import type { Store } from '../../../store/store.js';
import { RECORDS } from '../../../collections.js';

export interface FunnelStepDecl {
  id: string;
  labels: Labels;
  entity: string;
  link: string;
  /** The earlier step whose records the link points at (none: this record). */
  of?: string;
  stage?: string;
}

export interface FunnelStep {
  id: string;
  labels: Labels;
  entity: string;
  count: number;
  /** The filter of the records behind the count, for a link to their list. */
  filter: Record<string, unknown>;
}

export function funnelOf(schema: EntitySchema | undefined): FunnelStepDecl[] {
  const declared = (schema as { 'x-funnel'?: unknown } | undefined)?.['x-funnel'];
  return Array.isArray(declared) ? (declared as FunnelStepDecl[]) : [];
}

/** Count each declared step for the record `id`. */
export async function funnelCounts(store: Store, steps: FunnelStepDecl[], id: string): Promise<FunnelStep[]> {
  const idsOf = new Map<string, string[]>();
  const out: FunnelStep[] = [];
  for (const step of steps) {
    const linked = step.of === undefined ? id : { $in: idsOf.get(step.of) ?? [] };
    const filter: Record<string, unknown> = { [`data.${step.link}`]: linked, ...(step.stage ? { stage: step.stage } : {}) };
    const docs = await store.find(RECORDS, { ...filter, entity: step.entity });
    idsOf.set(step.id, docs.map((d) => d._id));
    out.push({ id: step.id, labels: step.labels, entity: step.entity, count: docs.length, filter });
  }
  return out;
}
