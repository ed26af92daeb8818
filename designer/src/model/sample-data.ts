/** Sample data for a simulation: a value for each always-required field, so a run can start at once. */
import type { EntitySchema } from './pack-types.js';

export function sampleData(schema: EntitySchema, text: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of schema.required ?? []) {
    const field = schema.properties?.[key];
    if (!field) continue;
    if (Array.isArray(field.enum) && field.enum.length > 0) data[key] = field.enum[0];
    else if (field.type === 'number' || field.type === 'integer')
      data[key] = typeof field.minimum === 'number' ? field.minimum : 1;
    else if (field.type === 'boolean') data[key] = false;
    else if (field.format === 'date') data[key] = new Date().toISOString().slice(0, 10);
    else if (field.format === 'date-time') data[key] = new Date().toISOString();
    else if (field.format === 'email') data[key] = 'sample@example.com';
    else if (field.type === 'string') data[key] = text;
  }
  return data;
}
