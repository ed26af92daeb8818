/** What a generated form offers in its pickers: the entity's fields, stages and events. */
export interface Choice {
  value: string;
  label: string;
  /** Shown after the label, muted (e.g. a field's key). */
  detail?: string;
}

export interface FormContext {
  fields: Choice[];
  stages: Choice[];
  events: string[];
}

export type JsonSchema = Record<string, unknown>;

/** The JSON Schema type of a schema, when it names exactly one. */
export function typeOf(schema: JsonSchema): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.enum)) return 'enum';
  return undefined;
}

/** Drop keys whose value is undefined or an empty string: absent params stay absent. */
export function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));
}
