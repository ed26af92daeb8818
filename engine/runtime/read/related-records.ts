/**
 * The records related to one record through `x-ref` fields, in both directions: those
 * it points to (its reference fields' values) and, for every entity of the latest
 * definitions with a reference field to its entity, the records that point to it
 * (newest first, the first few and how many in all). Also fills the record views the
 * packs declare for its entity (./related-views.ts). Reference fields are indexed in the
 * store the first time they are queried, so a page stays fast with many records.
 */
import type { EntityDefinition, Labels, RecordViewDecl } from '../../definitions/definition.js';
import { labelsOf, refFieldsOf, refIdsAt } from '../../definitions/ref-fields.js';
import { UserError } from '../../errors.js';
import type { Filter, Store } from '../../store/store.js';
import { fillViews, type RecordViewResult, type ViewContext } from './related-views.js';
import { RECORDS } from '../../collections.js';
import { reachedRecord, summarize, unknownEntity, type RecordDoc, type RecordSummary } from '../core/index.js';
export type { RecordSummary } from '../core/index.js';

export type { RecordViewResult, ViewCell, ViewColumn, ViewRow } from './related-views.js';

/** A record this one points to; `record` is absent when the id names no such record. */
export interface OutgoingRef {
  field: string;
  fieldLabels?: Labels;
  entity: string;
  entityLabels?: Labels;
  id: string;
  record?: RecordSummary;
}

/** The records of one entity whose field `field` points to this one. */
export interface IncomingRefs {
  entity: string;
  entityLabels?: Labels;
  field: string;
  fieldLabels?: Labels;
  total: number;
  /** The newest `limit` of them. */
  items: RecordSummary[];
}

export interface RelatedRecords {
  entity: string;
  id: string;
  outgoing: OutgoingRef[];
  incoming: IncomingRefs[];
  views: RecordViewResult[];
}

export interface RelatedOptions {
  /** Records per group of records pointing here; default 10. */
  limit?: number;
  /**
   * What the reader may see of an entity, as a filter to add (undefined: everything).
   * Groups and views then list and count only those records.
   */
  scope?: (entity: string) => Promise<Filter | undefined>;
  /**
   * Whether the reader may see one record this record points to (undefined: all). What
   * they may not see is shown as if it did not exist: its id only, never its title,
   * stage or owner, in references and in record views alike.
   */
  sees?: (record: { entity: string; id: string; owner?: string; handler?: string }) => Promise<boolean>;
}

export interface RelatedQueries {
  /**
   * What a record points to, what points to it (first `limit` of each group, default 10)
   * and its entity's record views. Throws `unknown-entity`, `not-found`.
   */
  relatedRecords(entity: string, id: string, options?: RelatedOptions): Promise<RelatedRecords>;
}

export interface RelatedQueryDeps {
  store: Store;
  definitions: {
    latest(entity: string): Promise<EntityDefinition | undefined>;
    get(entity: string, version: number): Promise<EntityDefinition | undefined>;
    listLatest(): Promise<EntityDefinition[]>;
  };
  /** Views per entity, from the packs' manifests. */
  recordViews?: Record<string, RecordViewDecl[]>;
}

const DEFAULT_LIMIT = 10;

/**
 * @example
 * const queries = relatedQueries({ store, definitions, recordViews: pack.recordViews });
 * const related = await queries.relatedRecords('account', id);
 */
export function relatedQueries({ store, definitions, recordViews = {} }: RelatedQueryDeps): RelatedQueries {
  const indexed = new Map<string, Promise<void>>();
  const ensureIndex = (path: string): Promise<void> => {
    let done = indexed.get(path);
    if (!done) indexed.set(path, (done = store.ensureIndex(RECORDS, [path])));
    return done;
  };

  return {
    async relatedRecords(entity, id, options = {}) {
      const limit = options.limit ?? DEFAULT_LIMIT;
      const scoped = async (of: string, filter: Filter): Promise<Filter> => {
        const scope = await options.scope?.(of);
        return scope ? { $and: [filter, scope] } : filter;
      };
      const definition = await definitions.latest(entity);
      if (!definition) throw unknownEntity(entity);
      const doc = await store.get<RecordDoc>(RECORDS, id);
      if (!doc || doc.entity !== entity) throw new UserError('not-found', `There is no ${entity} with id ${id}`);
      const latest = new Map((await definitions.listLatest()).map((d) => [d.entity, d]));

      // One read per record and request, whichever part asks for it.
      const docs = new Map<string, Promise<RecordDoc | undefined>>([[doc._id, Promise.resolve(doc)]]);
      const readable = async (ref: string): Promise<RecordDoc | undefined> => {
        const found = await store.get<RecordDoc>(RECORDS, ref);
        if (!found || !options.sees) return found;
        return (await options.sees(reachedRecord(found))) ? found : undefined;
      };
      const load = (ref: string) => {
        let found = docs.get(ref);
        if (!found) docs.set(ref, (found = readable(ref)));
        return found;
      };
      const definitionOf = (record: RecordDoc) => definitions.get(record.entity, record.definitionVersion);
      const summary = async (record: RecordDoc) => summarize(record, await definitionOf(record));
      const entityLabels = (name: string) => labelsOf(latest.get(name)?.schema);

      const outgoing = await Promise.all(
        refFieldsOf(definition.schema).flatMap((ref) =>
          refIdsAt(doc.data, ref.path).map(async (target): Promise<OutgoingRef> => {
            const found = await load(target);
            const labels = entityLabels(ref.entity);
            return {
              field: ref.path,
              ...(ref.labels ? { fieldLabels: ref.labels } : {}),
              entity: ref.entity,
              ...(labels ? { entityLabels: labels } : {}),
              id: target,
              ...(found?.entity === ref.entity ? { record: await summary(found) } : {}),
            };
          }),
        ),
      );

      const pointing = [...latest.values()].flatMap((d) =>
        refFieldsOf(d.schema)
          .filter((ref) => ref.entity === entity)
          .map((ref) => ({ entity: d.entity, ref })),
      );
      const incoming = await Promise.all(
        pointing.map(async ({ entity: from, ref }): Promise<IncomingRefs> => {
          const path = `data.${ref.path}`;
          await ensureIndex(path);
          const filter = await scoped(from, { entity: from, [path]: id });
          const [items, total] = await Promise.all([
            store.find<RecordDoc>(RECORDS, filter, { sort: { createdAt: -1, _id: -1 }, limit }),
            store.count(RECORDS, filter),
          ]);
          const labels = entityLabels(from);
          return {
            entity: from,
            ...(labels ? { entityLabels: labels } : {}),
            field: ref.path,
            ...(ref.labels ? { fieldLabels: ref.labels } : {}),
            total,
            items: await Promise.all(items.map(summary)),
          };
        }),
      );

      const context: ViewContext = { store, latest, definitionOf, load, ensureIndex, scoped };
      const views = await fillViews(context, doc, recordViews[entity] ?? []);
      return { entity, id, outgoing, incoming, views };
    },
  };
}
