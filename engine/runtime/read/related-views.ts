/**
 * The record views a pack declares (pack.json `recordViews`), filled for one record: for
 * each view, the records of its entity whose `link` field holds the record's id, sorted
 * and limited, with one cell per declared column (a field, a field read through one
 * x-ref, or a record fact). Referenced records are read once per request.
 */
import type { Filter } from '../../store/store.js';
import type { EntityDefinition, Labels, RecordViewDecl } from '../../definitions/definition.js';
import { isRecord } from '../../definitions/json-pointer.js';
import { labelsOf } from '../../definitions/ref-fields.js';
import { resolveViewPath, type RecordFact, type ViewPathResolution } from '../../definitions/view-paths.js';
import type { Sort, Store } from '../../store/store.js';
import { RECORDS } from '../../collections.js';
import { recordTitle, summarize, type RecordDoc, type RecordSummary } from '../core/index.js';

/** A column as served: what it reads, its title, and the leaf field's schema for formatting. */
export interface ViewColumn {
  path: string;
  labels: Labels;
  /** type, format, x-widget, x-ref of the field read (absent for record facts). */
  field?: Record<string, unknown>;
}

/** One cell: the raw value, display labels (a stage, an enum value), a link to the record it names. */
export interface ViewCell {
  value?: unknown;
  labels?: Labels;
  ref?: { entity: string; id: string; title?: string };
}

export type ViewRow = RecordSummary & { cells: ViewCell[] };

/** A declared view filled for one record. */
export interface RecordViewResult {
  id: string;
  labels: Labels;
  entity: string;
  entityLabels?: Labels;
  link: string;
  /** Records linked in all; `rows` holds the first `limit`. */
  total: number;
  columns: ViewColumn[];
  rows: ViewRow[];
  /** The declared fields of the record itself, with their values. */
  fields: { field: string; labels: Labels; value?: unknown }[];
}

/** What filling views needs: the store, definitions, and a per-request record reader. */
export interface ViewContext {
  store: Store;
  latest: Map<string, EntityDefinition>;
  definitionOf(doc: RecordDoc): Promise<EntityDefinition | undefined>;
  load(id: string): Promise<RecordDoc | undefined>;
  ensureIndex(path: string): Promise<void>;
  /** Narrows the records listed of an entity to those the reader may see. */
  scoped(entity: string, filter: Filter): Promise<Filter>;
}

const FACT_LABELS: Record<RecordFact, Labels> = {
  $stage: { vi: 'Giai đoạn', en: 'Stage' },
  $createdAt: { vi: 'Ngày tạo', en: 'Created' },
  $updatedAt: { vi: 'Cập nhật', en: 'Updated' },
  $owner: { vi: 'Người phụ trách', en: 'Owner' },
};
const FACT_KEYS: Record<RecordFact, keyof RecordDoc> = { $stage: 'stage', $createdAt: 'createdAt', $updatedAt: 'updatedAt', $owner: 'owner' };
const DEFAULT_SORT: Sort = { createdAt: -1 };
const DEFAULT_LIMIT = 20;

function formatOf(field: Record<string, unknown>): Record<string, unknown> {
  const keys = ['type', 'format', 'x-widget', 'x-ref'];
  return Object.fromEntries(keys.filter((k) => field[k] !== undefined).map((k) => [k, field[k]]));
}

function enumLabel(field: Record<string, unknown>, value: unknown): Labels | undefined {
  const all = field['x-enumLabels'];
  if (!isRecord(all) || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
  const found = all[String(value)];
  return isRecord(found) && typeof found.vi === 'string' && typeof found.en === 'string' ? { vi: found.vi, en: found.en } : undefined;
}

function storeSort(sort: Record<string, 1 | -1> | undefined): Sort {
  if (!sort || Object.keys(sort).length === 0) return DEFAULT_SORT;
  const out: Sort = {};
  for (const [key, order] of Object.entries(sort)) {
    out[key.startsWith('$') ? String(FACT_KEYS[key as RecordFact] ?? key.slice(1)) : `data.${key}`] = order;
  }
  return out;
}

/** The linked record a hop reads, if it exists and is of the expected entity. */
async function target(context: ViewContext, id: unknown, entity: string): Promise<RecordDoc | undefined> {
  if (typeof id !== 'string') return undefined;
  const doc = await context.load(id);
  return doc?.entity === entity ? doc : undefined;
}

async function refOf(context: ViewContext, doc: RecordDoc | undefined): Promise<ViewCell['ref']> {
  if (!doc) return undefined;
  const title = recordTitle((await context.definitionOf(doc))?.schema, doc.data);
  return { entity: doc.entity, id: doc._id, ...(title !== undefined ? { title } : {}) };
}

async function cellOf(context: ViewContext, doc: RecordDoc, path: ViewPathResolution, summary: RecordSummary): Promise<ViewCell> {
  if (!path.ok) return {};
  if (path.kind === 'fact') {
    const value = doc[FACT_KEYS[path.fact]];
    return path.fact === '$stage' && summary.stageLabels ? { value, labels: summary.stageLabels } : { value };
  }
  const source = path.kind === 'hop' ? await target(context, doc.data[path.via], path.entity) : doc;
  const value = source?.data[path.field];
  if (value === undefined || source === undefined) return {};
  const labels = enumLabel(path.schema, value);
  const refEntity = path.schema['x-ref'];
  const ref =
    path.kind === 'hop'
      ? await refOf(context, source)
      : typeof refEntity === 'string'
        ? await refOf(context, await target(context, value, refEntity))
        : undefined;
  return { value, ...(labels ? { labels } : {}), ...(ref ? { ref } : {}) };
}

/**
 * Fill the declared views of a record.
 *
 * @example
 * const views = await fillViews(context, accountDoc, recordViews.account ?? []);
 */
export async function fillViews(context: ViewContext, owner: RecordDoc, views: RecordViewDecl[]): Promise<RecordViewResult[]> {
  const schemaOf = (entity: string) => context.latest.get(entity)?.schema;
  const ownerSchema = schemaOf(owner.entity);
  return Promise.all(
    views.map(async (view) => {
      const paths = view.columns.map((c) => resolveViewPath(c.path, view.entity, schemaOf));
      const linkPath = `data.${view.link}`;
      await context.ensureIndex(linkPath);
      const filter = await context.scoped(view.entity, { entity: view.entity, [linkPath]: owner._id });
      const [docs, total] = await Promise.all([
        context.store.find<RecordDoc>(RECORDS, filter, { sort: storeSort(view.sort), limit: view.limit ?? DEFAULT_LIMIT }),
        context.store.count(RECORDS, filter),
      ]);
      const rows = await Promise.all(
        docs.map(async (doc) => {
          const summary = summarize(doc, await context.definitionOf(doc));
          const cells = await Promise.all(paths.map((path) => cellOf(context, doc, path, summary)));
          return { ...summary, cells };
        }),
      );
      const columns = view.columns.map((column, i): ViewColumn => {
        const path = paths[i];
        const field = path?.ok && path.kind !== 'fact' ? path.schema : undefined;
        const labels = column.labels ?? (path?.ok && path.kind === 'fact' ? FACT_LABELS[path.fact] : labelsOf(field)) ?? { vi: column.path, en: column.path };
        return { path: column.path, labels, ...(field ? { field: formatOf(field) } : {}) };
      });
      const fields = (view.fields ?? []).map((field) => {
        const value = owner.data[field];
        const labels = labelsOf(isRecord(ownerSchema) && isRecord(ownerSchema.properties) ? ownerSchema.properties[field] : undefined);
        return { field, labels: labels ?? { vi: field, en: field }, ...(value !== undefined ? { value } : {}) };
      });
      const entityLabels = labelsOf(schemaOf(view.entity));
      return {
        id: view.id,
        labels: view.labels,
        entity: view.entity,
        ...(entityLabels ? { entityLabels } : {}),
        link: view.link,
        total,
        columns,
        rows,
        fields,
      };
    }),
  );
}
