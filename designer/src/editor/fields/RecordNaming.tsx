/**
 * Above the fields table: which fields name a record (`x-title`, for record types without
 * a title, name or full name) and which number field the board totals per column
 * (`x-boardSum`).
 */
import { useI18n } from '../../i18n/useI18n.js';
import { edit, type Draft } from '../../model/draft.js';
import type { FieldInfo } from '../../model/fields.js';
import type { DraftHistory } from '../useDraftHistory.js';
import { ChoiceInputs } from '../forms/ChoiceInputs.js';

/** Set or clear a schema-level annotation. */
function setAnnotation(draft: Draft, key: 'x-title' | 'x-boardSum', value: unknown): Draft {
  return edit(draft, ({ schema }) => {
    const annotations = schema as Record<string, unknown>;
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete annotations[key];
    else annotations[key] = value;
  });
}

export function RecordNaming({ draft, fields, apply }: { draft: Draft; fields: FieldInfo[]; apply: DraftHistory['apply'] }) {
  const { t, label } = useI18n();
  const named = (kinds: (f: FieldInfo) => boolean) => fields.filter(kinds).map((f) => ({ value: f.key, label: label(f.labels, f.key) }));
  const plain = named((f) => ['text', 'number', 'integer', 'date'].includes(f.kind));
  const numbers = named((f) => ['number', 'integer'].includes(f.kind));
  const title = Array.isArray(draft.schema['x-title']) ? (draft.schema['x-title']) : [];
  const boardSum = typeof draft.schema['x-boardSum'] === 'string' ? draft.schema['x-boardSum'] : '';
  return (
    <div className="record-naming">
      <section>
        <h3>{t('fields.titleFields')}</h3>
        <p className="hint">{t('fields.titleFieldsHint')}</p>
        <ChoiceInputs
          id="record-title-fields"
          label={<span className="sr-only">{t('fields.titleFields')}</span>}
          options={plain}
          value={title}
          onChange={(keys) => apply((d) => setAnnotation(d, 'x-title', (keys ?? []).slice(0, 4)))}
        />
      </section>
      <section>
        <h3>
          <label htmlFor="record-board-sum">{t('fields.boardSum')}</label>
        </h3>
        <select id="record-board-sum" value={boardSum} onChange={(e) => apply((d) => setAnnotation(d, 'x-boardSum', e.target.value || undefined))}>
          <option value="">{t('fields.boardSumNone')}</option>
          {numbers.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </section>
    </div>
  );
}
