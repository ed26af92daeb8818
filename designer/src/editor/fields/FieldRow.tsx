/** One field of the schema: titles, type, options (and their labels) and required, edited in place. */
import { useState } from 'react';
import { EntitySelect } from './EntitySelect.js';
import { useI18n } from '../../i18n/useI18n.js';
import { FIELD_KINDS, updateField, type FieldInfo, type FieldKind } from '../../model/fields.js';
import { localizeIssue, type Issue } from '../../model/issues.js';
import type { DraftHistory } from '../useDraftHistory.js';
import { OptionLabelsDialog } from './OptionLabelsDialog.js';
import { SetByInput } from './SetByInput.js';

export interface FieldRowProps {
  field: FieldInfo;
  issues: Issue[];
  highlighted: boolean;
  apply: DraftHistory['apply'];
  onRename: () => void;
  onRemove: () => void;
}

export function FieldRow({ field, issues, highlighted, apply, onRename, onRemove }: FieldRowProps) {
  const { t, lang } = useI18n();
  const { key, labels } = field;
  const [labelling, setLabelling] = useState(false);
  const patch = (p: Parameters<typeof updateField>[2], coalesce?: string) =>
    apply((d) => updateField(d, key, p), coalesce);
  const classes = [issues.length > 0 ? 'has-issues' : '', highlighted ? 'is-highlighted' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <tr data-field={key} className={classes || undefined}>
      <th scope="row">
        <code>{key}</code>
        {issues.length > 0 && (
          <ul className="inline-issues">
            {issues.map((i, n) => (
              <li key={n}>{localizeIssue(i.message, lang)}</li>
            ))}
          </ul>
        )}
      </th>
      <td>
        <input
          aria-label={`${t('fields.titleVi')}: ${key}`}
          value={labels.vi}
          onChange={(e) => patch({ labels: { ...labels, vi: e.target.value } }, `field-vi:${key}`)}
        />
      </td>
      <td>
        <input
          aria-label={`${t('fields.titleEn')}: ${key}`}
          value={labels.en}
          onChange={(e) => patch({ labels: { ...labels, en: e.target.value } }, `field-en:${key}`)}
        />
      </td>
      <td>
        <select
          aria-label={`${t('fields.type')}: ${key}`}
          value={field.kind}
          disabled={field.kind === 'other'}
          onChange={(e) => patch({ kind: e.target.value as Exclude<FieldKind, 'other'> })}
        >
          {field.kind === 'other' && <option value="other">{t('fieldKind.other')}</option>}
          {FIELD_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`fieldKind.${kind}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {field.kind === 'choice' ? (
          <input
            aria-label={`${t('fields.options')}: ${key}`}
            value={field.options.join(', ')}
            placeholder={t('fields.optionsHint')}
            onChange={(e) =>
              patch(
                {
                  options: e.target.value
                    .split(',')
                    .map((o) => o.trim())
                    .filter(Boolean),
                },
                `field-options:${key}`,
              )
            }
          />
        ) : field.kind === 'reference' ? (
          <EntitySelect ariaLabel={`${t('fields.refTarget')}: ${key}`} value={field.options[0] ?? ''} onChange={(entity) => patch({ options: [entity] })} />
        ) : (
          <span className="muted">—</span>
        )}
        {field.kind === 'choice' && (
          <button
            type="button"
            className="btn btn-sm"
            aria-label={t('fields.optionLabelsTitle', { field: key })}
            onClick={() => setLabelling(true)}
          >
            {t('fields.optionLabels')}
          </button>
        )}
        {labelling && (
          <OptionLabelsDialog
            field={field}
            onSave={(optionLabels) => patch({ optionLabels })}
            onClose={() => setLabelling(false)}
          />
        )}
      </td>
      <td>
        <SetByInput field={field} onChange={(setBy, compute) => patch({ setBy, ...(compute ? { compute } : {}) }, `field-setby:${key}`)} />
      </td>
      <td className="cell-center">
        <input
          type="checkbox"
          aria-label={`${t('fields.required')}: ${key}`}
          checked={field.required}
          onChange={(e) => patch({ required: e.target.checked })}
        />
      </td>
      <td className="cell-actions">
        <button type="button" className="btn btn-sm" onClick={onRename}>
          {t('fields.rename')}
        </button>
        <button type="button" className="btn btn-sm btn-danger-ghost" onClick={onRemove}>
          {t('fields.remove')}
        </button>
      </td>
    </tr>
  );
}
