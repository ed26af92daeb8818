/**
 * A field people may not change here, shown as text rather than an input: a computed
 * amount, a counter or timestamp automations keep, a field the stage locks, any field of a
 * record in a final stage. Formatted like everywhere else (VND, dates, labels).
 */
import type { WidgetProps } from '@rjsf/utils';
import type { FieldSchema } from '../model/pack-types.js';
import { FieldValue } from './FieldValue.js';

export function ValueTextWidget({ id, schema, label, ...props }: WidgetProps) {
  const value: unknown = props.value;
  const empty = value === undefined || value === null || value === '';
  return (
    <div id={id} className="value-text" role="textbox" aria-readonly="true" aria-label={label}>
      {empty ? <span className="muted">—</span> : <FieldValue field={{ key: id, schema: schema as FieldSchema }} value={value} />}
    </div>
  );
}
