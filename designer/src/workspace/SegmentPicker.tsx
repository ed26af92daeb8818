/** Apply a saved segment, save the current filter as one, or delete the one applied. */
import { useState } from 'react';
import { Dialog } from '../ui/Dialog.js';
import type { ListControls } from './list-filter.js';
import { useSegments } from './useSegments.js';
import { useWorkText } from './useWorkText.js';

export interface SegmentPickerProps {
  entity: string;
  controls: ListControls;
  onApply: (controls: ListControls) => void;
}

export function SegmentPicker({ entity, controls, onApply }: SegmentPickerProps) {
  const { w } = useWorkText();
  const { segments, save, remove } = useSegments(entity);
  const [current, setCurrent] = useState('');
  const [naming, setNaming] = useState<string | undefined>();
  const confirm = () => {
    const name = naming?.trim();
    if (!name) return;
    save(name, controls);
    setCurrent(name);
    setNaming(undefined);
  };
  return (
    <div className="segment-picker">
      <select
        aria-label={w('segment.label')}
        value={current}
        onChange={(e) => {
          setCurrent(e.target.value);
          const found = segments.find((s) => s.name === e.target.value);
          if (found) onApply(found.controls);
        }}
      >
        <option value="">{w('segment.none')}</option>
        {segments.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name}
          </option>
        ))}
      </select>
      {current && (
        <button type="button" className="btn btn-sm" title={w('segment.delete')} onClick={() => (remove(current), setCurrent(''))}>
          ×
        </button>
      )}
      <button type="button" className="btn" onClick={() => setNaming(current)}>
        {w('segment.save')}
      </button>
      {naming !== undefined && (
        <Dialog title={w('segment.save')} onCancel={() => setNaming(undefined)} onConfirm={confirm} confirmDisabled={!naming.trim()}>
          <label className="form-field">
            <span>{w('segment.name')}</span>
            <input value={naming} placeholder={w('segment.placeholder')} onChange={(e) => setNaming(e.target.value)} />
          </label>
        </Dialog>
      )}
    </div>
  );
}
