/** Add a field: key, vi/en titles and type. */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/useI18n.js';
import { NAME_PATTERN, type Draft } from '../../model/draft.js';
import { addField, FIELD_KINDS, type FieldKind } from '../../model/fields.js';
import type { DraftHistory } from '../useDraftHistory.js';
import { EntitySelect } from './EntitySelect.js';

export function AddFieldForm({ draft, apply }: { draft: Draft; apply: DraftHistory['apply'] }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [vi, setVi] = useState('');
  const [en, setEn] = useState('');
  const [kind, setKind] = useState<Exclude<FieldKind, 'other'>>('text');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = key.trim();
    if (!NAME_PATTERN.test(name)) return setError(t('fields.keyInvalid'));
    if (draft.schema.properties?.[name]) return setError(t('fields.keyTaken', { key: name }));
    if (!vi.trim() || !en.trim()) return setError(t('fields.titlesNeeded'));
    if (kind === 'reference' && !target) return setError(t('fields.refTarget'));
    apply((d) => addField(d, name, { vi: vi.trim(), en: en.trim() }, kind, kind === 'reference' ? [target] : []));
    setKey('');
    setVi('');
    setEn('');
    setError(undefined);
  };

  return (
    <form className="add-field" onSubmit={submit} aria-label={t('fields.add')}>
      <h3>{t('fields.add')}</h3>
      <div className="add-field-row">
        <label className="form-field">
          <span>{t('fields.key')}</span>
          <input
            className="mono"
            name="field-key"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder="departureDate"
          />
        </label>
        <label className="form-field">
          <span>{t('fields.titleVi')}</span>
          <input name="field-vi" value={vi} onChange={(e) => setVi(e.target.value)} />
        </label>
        <label className="form-field">
          <span>{t('fields.titleEn')}</span>
          <input name="field-en" value={en} onChange={(e) => setEn(e.target.value)} />
        </label>
        <label className="form-field">
          <span>{t('fields.type')}</span>
          <select
            name="field-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as Exclude<FieldKind, 'other'>)}
          >
            {FIELD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`fieldKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'reference' && (
          <label className="form-field">
            <span>{t('fields.refTarget')}</span>
            <EntitySelect name="field-ref" ariaLabel={t('fields.refTarget')} value={target} onChange={setTarget} />
          </label>
        )}
        <button type="submit" className="btn btn-primary">
          {t('fields.addButton')}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
