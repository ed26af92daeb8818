/** The label of a generated input: the field's vi/en title, a known param name, or the key. */
import { useI18n } from '../../i18n/useI18n.js';
import type { Labels } from '../../model/pack-types.js';
import type { JsonSchema } from './form-context.js';

export interface ParamLabelProps {
  name: string;
  schema: JsonSchema;
  required: boolean;
  htmlFor?: string;
  inline?: boolean;
}

export function ParamLabel({ name, schema, required, htmlFor, inline }: ParamLabelProps) {
  const { label, maybe, t } = useI18n();
  const text =
    label(schema['x-labels'] as Labels | undefined) ||
    maybe(`param.${name}`) ||
    (typeof schema.title === 'string' ? schema.title : name);
  const content = (
    <>
      {text}
      {required && (
        <span className="required-mark" title={t('form.required')}>
          {' '}
          *
        </span>
      )}
    </>
  );
  if (inline) return <span>{content}</span>;
  return (
    <label htmlFor={htmlFor} title={typeof schema.description === 'string' ? schema.description : undefined}>
      {content}
    </label>
  );
}
