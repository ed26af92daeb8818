/** A field's value for reading: VND amounts grouped, fractions as percentages, people by name, dates localised, enum values labelled, lists joined. */
import { enumText } from './enum-labels.js';
import type { Field } from './pipeline-model.js';
import { UserName } from './UserName.js';
import { useWorkText } from './useWorkText.js';

export function FieldValue({ field, value }: { field: Field; value: unknown }) {
  const { lang, formatDate, formatDay, formatNumber, formatMoney } = useWorkText();
  const schema = field.schema as { 'x-widget'?: string; format?: string };
  if (value === undefined || value === null) return null;
  const labelled = enumText(schema, value, lang);
  if (labelled !== undefined) return <>{labelled}</>;
  if (typeof value === 'string' && schema['x-widget'] === 'user') return <UserName id={value} />;
  if (typeof value === 'number' && schema['x-widget'] === 'percent') return <>{`${formatNumber(Math.round(value * 1000) / 10)} %`}</>;
  if (typeof value === 'number') return <>{schema['x-widget'] === 'money' ? formatMoney(value) : formatNumber(value)}</>;
  if (typeof value === 'string' && schema.format === 'date') return <>{formatDay(value)}</>;
  if (typeof value === 'string' && schema.format === 'date-time') return <>{formatDate(value)}</>;
  if (Array.isArray(value)) return <>{value.map(String).join(', ')}</>;
  if (typeof value === 'object') return <>{JSON.stringify(value)}</>;
  return <>{typeof value === 'string' || typeof value === 'boolean' ? String(value) : ''}</>;
}
