/**
 * A record in a few words, for lists of related records: what names it (its title
 * field), where it stands (its stage and the stage's labels) and when it changed.
 */
import type { EntityDefinition, Labels } from '../definitions/definition.js';
import { isRecord } from '../definitions/json-pointer.js';
import { stateAt } from '../definitions/state-targets.js';
import type { RecordDoc } from './record.js';

/** What a list of related records shows for one record. */
export interface RecordSummary {
  id: string;
  entity: string;
  /** The value of its title field, when it has one. */
  title?: string;
  stage: string;
  /** Labels of the stage, from the record's definition version. */
  stageLabels?: Labels;
  status: 'active' | 'done';
  owner?: string;
  createdAt: string;
  updatedAt: string;
}

/** Fields that name a record wherever a schema declares them, first found first. */
const TITLE_FIELDS = ['title', 'name', 'fullName'];

/** A property a person would read as a name: plain text, not a choice, a date or an id. */
function isPlainText(field: unknown): boolean {
  return isRecord(field) && field.type === 'string' && field.enum === undefined && field.format === undefined && field['x-ref'] === undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * What names a record: `title`, `name` or `fullName` when filled, else the first
 * required plain-text field that is filled; undefined when nothing is.
 *
 * @example
 * recordTitle(schema, { fullName: 'Nguyễn An' }) // 'Nguyễn An'
 */
export function recordTitle(schema: unknown, data: Record<string, unknown>): string | undefined {
  for (const key of TITLE_FIELDS) {
    const found = text(data[key]);
    if (found !== undefined) return found;
  }
  const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  const required = isRecord(schema) && Array.isArray(schema.required) ? schema.required : [];
  for (const key of required) {
    if (typeof key === 'string' && isPlainText(properties[key])) {
      const found = text(data[key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The labels of the stage at a dotted path of the machine, when it declares them. */
export function stageLabels(definition: EntityDefinition | undefined, stage: string): Labels | undefined {
  const meta = definition ? stateAt(definition.machine, stage.split('.'))?.meta : undefined;
  const labels = isRecord(meta) ? meta.labels : undefined;
  return isRecord(labels) && typeof labels.vi === 'string' && typeof labels.en === 'string' ? { vi: labels.vi, en: labels.en } : undefined;
}

/**
 * The summary of a stored record, read with the definition version it runs on.
 *
 * @example
 * summarize(doc, await definitions.get(doc.entity, doc.definitionVersion))
 */
export function summarize(doc: RecordDoc, definition: EntityDefinition | undefined): RecordSummary {
  const title = recordTitle(definition?.schema, doc.data);
  const labels = stageLabels(definition, doc.stage);
  return {
    id: doc._id,
    entity: doc.entity,
    ...(title !== undefined ? { title } : {}),
    stage: doc.stage,
    ...(labels ? { stageLabels: labels } : {}),
    status: doc.status,
    ...(doc.owner !== undefined ? { owner: doc.owner } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
