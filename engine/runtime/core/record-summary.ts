/**
 * A record in a few words, for lists of related records: what names it (its title
 * field), where it stands (its stage and the stage's labels) and when it changed.
 */
import type { EntityDefinition, Labels } from '../../definitions/definition.js';
import { isRecord } from '../../definitions/json-pointer.js';
import { stateAt } from '../../definitions/state-targets.js';
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

/** Longest title, in characters: a long text field names a record by its beginning. */
const TITLE_MAX = 80;

/**
 * The fields that name a record of a schema, in order: its `x-title` when declared (joined
 * with " · "), else `title`, `name`, `fullName` and the required plain-text fields, of
 * which the first filled one names it. Search by name looks in all of them.
 *
 * @example
 * titleKeys({ 'x-title': ['customerName', 'phone'], properties: {…} }) // { keys: ['customerName', 'phone'], joined: true }
 */
export function titleKeys(schema: unknown): { keys: string[]; joined: boolean } {
  const declared = isRecord(schema) ? schema['x-title'] : undefined;
  if (Array.isArray(declared) && declared.every((key) => typeof key === 'string'))
    return { keys: declared, joined: true };
  const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  const required = isRecord(schema) && Array.isArray(schema.required) ? schema.required : [];
  const named = TITLE_FIELDS.filter((key) => key in properties);
  const plain = required.filter((key): key is string => typeof key === 'string' && !named.includes(key) && isPlainText(properties[key]));
  return { keys: [...named, ...plain], joined: false };
}

function shown(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const found = text(value)?.trim();
  if (found === undefined) return undefined;
  return found.length > TITLE_MAX ? `${found.slice(0, TITLE_MAX - 1).trimEnd()}…` : found;
}

/**
 * What names a record (see `titleKeys`); undefined when none of its title fields is filled.
 *
 * @example
 * recordTitle(schema, { fullName: 'Nguyễn An' }) // 'Nguyễn An'
 */
export function recordTitle(schema: unknown, data: Record<string, unknown>): string | undefined {
  const { keys, joined } = titleKeys(schema);
  if (!joined) return keys.map((key) => shown(data[key])).find((found) => found !== undefined);
  const parts = keys.map((key) => shown(data[key])).filter((found) => found !== undefined);
  return parts.length > 0 ? parts.join(' · ') : undefined;
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
