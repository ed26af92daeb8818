/**
 * A guard or action chosen from the engine's registry, with its params edited in a form
 * generated from the entry's params schema.
 */
import type { RegistryEntry } from '../../api/designer-api.js';
import { registryDescription, registryName } from '../../i18n/registry-names.js';
import { useI18n } from '../../i18n/useI18n.js';
import type { NamedRef } from '../../model/pack-types.js';
import type { FormContext } from '../forms/form-context.js';
import { SchemaForm } from '../forms/SchemaForm.js';

export interface RefEditorProps {
  idPrefix: string;
  kind: 'guard' | 'action';
  entries: RegistryEntry[];
  value: NamedRef | undefined;
  context: FormContext;
  onChange: (value: NamedRef | undefined, coalesce?: string) => void;
  /** Hide the "none" choice (an action in a list is removed with its own button). */
  required?: boolean;
}

export function RefEditor({ idPrefix, kind, entries, value, context, onChange, required }: RefEditorProps) {
  const { t, lang } = useI18n();
  const name = value === undefined ? '' : typeof value === 'string' ? value : value.type;
  const params = typeof value === 'object' ? (value.params ?? {}) : {};
  const entry = entries.find((e) => e.name === name);
  const choose = (next: string) => onChange(next === '' ? undefined : { type: next });
  const setParams = (next: Record<string, unknown>) =>
    onChange(
      Object.keys(next).length > 0 ? { type: name, params: next } : { type: name },
      `${idPrefix}-params`,
    );
  return (
    <div className="ref-editor">
      <div className="form-field">
        <label htmlFor={`${idPrefix}-name`}>{kind === 'guard' ? t('ref.guard') : t('ref.action')}</label>
        <select id={`${idPrefix}-name`} value={name} onChange={(e) => choose(e.target.value)}>
          {!required && <option value="">{kind === 'guard' ? t('ref.noGuard') : t('form.choose')}</option>}
          {name && !entry && <option value={name}>{name}</option>}
          {entries.map((e) => (
            <option key={e.name} value={e.name}>
              {registryName(e.name, lang)}
              {e.source !== 'builtin' ? ` (${e.source})` : ''}
            </option>
          ))}
        </select>
        {entry && <span className="hint">{registryDescription(entry.name, entry.description, lang)}</span>}
      </div>
      {entry && (
        <SchemaForm
          schema={entry.paramsSchema}
          value={params}
          onChange={setParams}
          context={context}
          idPrefix={`${idPrefix}-param`}
        />
      )}
    </div>
  );
}
