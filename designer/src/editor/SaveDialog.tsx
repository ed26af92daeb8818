/**
 * Publish the draft as a new version, with a summary proposed from what changed. The save
 * names the version it was made on: someone else's version saved since is handed to
 * `onConflict` (the conflict dialog), never overwritten.
 */
import { useMemo, useState } from 'react';
import { ApiError } from '../api/client.js';
import { designerApi, type Definition } from '../api/designer-api.js';
import { messageOf } from '../api/loadable.js';
import { useI18n } from '../i18n/useI18n.js';
import { describeChanges } from '../model/change-summary.js';
import type { Draft } from '../model/draft.js';
import { Dialog } from '../ui/Dialog.js';
import { useToast } from '../ui/useToast.js';
import { useChangeText } from './useChangeText.js';
import type { Validation } from './useValidation.js';

export interface SaveDialogProps {
  entity: string;
  saved: Draft;
  draft: Draft;
  validation: Validation;
  /** The version the draft was made on. */
  baseVersion: number;
  onCancel: () => void;
  onSaved: (definition: Definition) => void;
  /** Someone saved another version meanwhile. */
  onConflict: () => void;
}

export function SaveDialog({ entity, saved, draft, validation, baseVersion, onCancel, onSaved, onConflict }: SaveDialogProps) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const changeText = useChangeText();
  const changes = useMemo(() => describeChanges(saved, draft, lang), [saved, draft, lang]);
  const [summary, setSummary] = useState(() => changes.map(changeText).join('; ').slice(0, 1000));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const blocked = validation.issues.length > 0 || validation.checking;

  const save = () => {
    if (blocked || busy) return;
    setBusy(true);
    designerApi.save(entity, draft, summary.trim(), baseVersion).then(
      (definition) => {
        toast(t('save.done', { version: definition.version }), 'success');
        onSaved(definition);
      },
      (e: unknown) => {
        setBusy(false);
        if (e instanceof ApiError && e.code === 'version-conflict') onConflict();
        else setError(messageOf(e));
      },
    );
  };

  return (
    <Dialog
      title={t('save.title')}
      onCancel={onCancel}
      onConfirm={save}
      confirmLabel={busy ? t('save.saving') : t('save.confirm')}
      confirmDisabled={blocked || busy}
      wide
    >
      {changes.length > 0 && (
        <ul className="change-list">
          {changes.slice(0, 12).map((c, i) => (
            <li key={i}>{changeText(c)}</li>
          ))}
          {changes.length > 12 && <li className="muted">{t('save.more', { count: changes.length - 12 })}</li>}
        </ul>
      )}
      <label className="form-field">
        <span>{t('save.summary')}</span>
        <textarea
          value={summary}
          maxLength={1000}
          rows={3}
          onChange={(e) => setSummary(e.target.value)}
          data-autofocus
        />
        <span className="hint">{t('save.summaryHint')}</span>
      </label>
      {validation.issues.length > 0 && (
        <p className="error-text" role="alert">
          {t('save.fixFirst', { count: validation.issues.length })}
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
