/** Rename a field; every stage, guard and action naming it follows. */
import { useState } from 'react';
import { useI18n } from '../../i18n/useI18n.js';
import { NAME_PATTERN, type Draft } from '../../model/draft.js';
import { renameField } from '../../model/fields.js';
import { Dialog } from '../../ui/Dialog.js';
import type { DraftHistory } from '../useDraftHistory.js';

export interface RenameFieldDialogProps {
  draft: Draft;
  field: string;
  apply: DraftHistory['apply'];
  onClose: () => void;
}

export function RenameFieldDialog({ draft, field, apply, onClose }: RenameFieldDialogProps) {
  const { t } = useI18n();
  const [name, setName] = useState(field);
  const trimmed = name.trim();
  const error = !NAME_PATTERN.test(trimmed)
    ? t('fields.keyInvalid')
    : trimmed !== field && draft.schema.properties?.[trimmed]
      ? t('fields.keyTaken', { key: trimmed })
      : undefined;
  const confirm = () => {
    if (error) return;
    if (trimmed !== field) apply((d) => renameField(d, field, trimmed));
    onClose();
  };
  return (
    <Dialog
      title={t('fields.renameTitle', { field })}
      onCancel={onClose}
      onConfirm={confirm}
      confirmLabel={t('fields.rename')}
      confirmDisabled={error !== undefined}
    >
      <label className="form-field">
        <span>{t('fields.newKey')}</span>
        <input
          className="mono"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error !== undefined}
        />
      </label>
      {error && <p className="error-text">{error}</p>}
      <p className="hint">{t('fields.renameHint')}</p>
    </Dialog>
  );
}
