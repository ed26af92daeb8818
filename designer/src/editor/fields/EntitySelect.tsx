/** The record types a reference field can link to: every published pipeline, by name. */
import { useEffect, useState } from 'react';
import { designerApi } from '../../api/designer-api.js';
import { useI18n } from '../../i18n/useI18n.js';

export function useEntityChoices(): { value: string; label: string }[] {
  const { label } = useI18n();
  const [items, setItems] = useState<{ entity: string; labels?: { vi: string; en: string } }[]>([]);
  useEffect(() => {
    let live = true;
    designerApi.listDefinitions().then(
      (list) => live && setItems(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return items.map((d) => ({ value: d.entity, label: label(d.labels, d.entity) }));
}

/** A select of the record types a reference links to. */
export function EntitySelect({ value, onChange, ariaLabel, name }: { value: string; onChange: (entity: string) => void; ariaLabel: string; name?: string }) {
  const choices = useEntityChoices();
  return (
    <select aria-label={ariaLabel} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
      {value === '' && <option value="" />}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}
