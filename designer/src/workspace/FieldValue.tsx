/** A field's value for reading: VND amounts grouped, dates localised, enum values labelled, lists joined. */
import { enumText } from './enum-labels.js';
import type { Field } from './pipeline-model.js';
import { useWorkText } from './useWorkText.js';

export function FieldValue({ field, value }: { field: Field; value: unknown }) {
  const { lang } = useWorkText();
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const schema = field.schema as { 'x-widget'?: string; format?: string };
  if (value === undefined || value === null) return null;
  const labelled = enumText(schema, value, lang);
  if (labelled !== undefined) return <>{labelled}</>;
  if (typeof value === 'number')
    return <>{new Intl.NumberFormat(locale).format(value) + (schema['x-widget'] === 'money' ? ' ₫' : '')}</>;
  if (typeof value === 'string' && schema.format === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return <>{new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(`${value}T00:00:00`))}</>;
  if (typeof value === 'string' && schema.format === 'date-time')
    return <>{new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value))}</>;
  if (Array.isArray(value)) return <>{value.map(String).join(', ')}</>;
  if (typeof value === 'object') return <>{JSON.stringify(value)}</>;
  return <>{typeof value === 'string' || typeof value === 'boolean' ? String(value) : ''}</>;
}
