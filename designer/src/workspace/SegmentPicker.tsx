/** Apply a saved segment, save the current filter as one, or delete the one applied. Segments live on the server, per user. */
import { useState } from 'react';
import { messageOf } from '../api/loadable.js';
import { Dialog } from '../ui/Dialog.js';
import { useToast } from '../ui/useToast.js';
import type { ListControls } from './list-filter.js';
import type { Field } from './pipeline-model.js';
import { readSavedControls } from './saved-controls.js';
import { useSegments } from './useSegments.js';
import { useWorkText } from './useWorkText.js';

export interface SegmentPickerProps {
  entity: string;
  controls: ListControls;
  /** The entity's fields, to read the conditions of segments saved by older versions. */
  fields: Field[];
  onApply: (controls: ListControls) => void;
}

export function SegmentPicker({ entity, controls, fields, onApply }: SegmentPickerProps) {
  const { w, t } = useWorkText();
  const toast = useToast();
  const { segments, save, remove, retry } = useSegments(entity);
  const [current, setCurrent] = useState('');
  const [naming, setNaming] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>();
  const items = segments.status === 'ready' ? segments.value : [];
  const exists = naming !== undefined && items.some((s) => s.name === naming.trim());

  const confirm = async () => {
    const name = naming?.trim();
    if (!name || saving) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const saved = await save(name, controls);
      setCurrent(saved.name);
      setNaming(undefined);
      toast(w('segment.saved', { name: saved.name }), 'success');
    } catch (error) {
      setSaveError(w('segment.saveFailed', { message: messageOf(error) }));
    } finally {
      setSaving(false);
    }
  };
  const deleteCurrent = async () => {
    const name = current;
    try {
      await remove(name);
      setCurrent('');
      toast(w('segment.deleted', { name }), 'success');
    } catch (error) {
      toast(w('segment.deleteFailed', { message: messageOf(error) }), 'error');
    }
  };

  return (
    <div className="segment-picker" data-status={segments.status}>
      <select
        aria-label={w('segment.label')}
        value={current}
        disabled={segments.status !== 'ready'}
        onChange={(e) => {
          setCurrent(e.target.value);
          const found = items.find((s) => s.name === e.target.value);
          // Controls saved by an older version may hold one field = value instead of conditions.
          if (found) onApply(readSavedControls(found.controls, fields));
        }}
      >
        <option value="">{segments.status === 'loading' ? w('segment.loading') : w('segment.none')}</option>
        {segments.status === 'ready' && items.length === 0 && (
          <option value="" disabled>
            {w('segment.empty')}
          </option>
        )}
        {items.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name}
          </option>
        ))}
      </select>
      {segments.status === 'error' && (
        <span role="alert" className="segment-error">
          {w('segment.loadFailed', { message: segments.message })}{' '}
          <button type="button" className="btn btn-sm" onClick={retry}>
            {t('common.retry')}
          </button>
        </span>
      )}
      {current && (
        <button
          type="button"
          className="btn btn-sm"
          title={w('segment.delete')}
          aria-label={w('segment.delete')}
          onClick={() => void deleteCurrent()}
        >
          ×
        </button>
      )}
      <button
        type="button"
        className="btn"
        disabled={segments.status !== 'ready'}
        onClick={() => {
          setSaveError(undefined);
          setNaming(current);
        }}
      >
        {w('segment.save')}
      </button>
      {naming !== undefined && (
        <Dialog
          title={w('segment.save')}
          onCancel={() => setNaming(undefined)}
          onConfirm={() => void confirm()}
          confirmDisabled={!naming.trim() || saving}
        >
          <label className="form-field">
            <span>{w('segment.name')}</span>
            <input
              value={naming}
              maxLength={80}
              placeholder={w('segment.placeholder')}
              onChange={(e) => setNaming(e.target.value)}
            />
          </label>
          {exists && <p className="muted">{w('segment.replaces')}</p>}
          {saveError && <p role="alert">{saveError}</p>}
        </Dialog>
      )}
    </div>
  );
}
