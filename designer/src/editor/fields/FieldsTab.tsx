/** The Fields tab: the entity's schema as a table of fields. */
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/useI18n.js';
import type { Draft } from '../../model/draft.js';
import { listFields, removeField } from '../../model/fields.js';
import type { Issue, IssueIndex } from '../../model/issues.js';
import { fieldUsages, type FieldUsage } from '../../model/usages.js';
import { useToast } from '../../ui/useToast.js';
import { ProblemsPanel } from '../ProblemsPanel.js';
import type { DraftHistory } from '../useDraftHistory.js';
import type { Validation } from '../useValidation.js';
import { AddFieldForm } from './AddFieldForm.js';
import { FieldRow } from './FieldRow.js';
import { RecordNaming } from './RecordNaming.js';
import { FieldUsageDialog } from './FieldUsageDialog.js';
import { RenameFieldDialog } from './RenameFieldDialog.js';

export interface FieldsTabProps {
  draft: Draft;
  apply: DraftHistory['apply'];
  issues: IssueIndex;
  validation: Validation;
  focus?: { field: string; n: number };
  onJump: (issue: Issue) => void;
}

export function FieldsTab({ draft, apply, issues, validation, focus, onJump }: FieldsTabProps) {
  const { t, label } = useI18n();
  const toast = useToast();
  const fields = listFields(draft);
  const [renaming, setRenaming] = useState<string>();
  const [refused, setRefused] = useState<{ field: string; usages: FieldUsage[] }>();

  useEffect(() => {
    if (!focus) return;
    const row = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(focus.field)}"]`);
    row?.scrollIntoView({ block: 'center' });
    row?.querySelector<HTMLElement>('input, select')?.focus();
  }, [focus]);

  const remove = (field: string) => {
    const usages = fieldUsages(draft, field);
    if (usages.length > 0) {
      setRefused({ field, usages });
      return;
    }
    apply((d) => removeField(d, field));
    toast(t('fields.removed', { field }), 'info');
  };

  return (
    <div className="editor-body editor-body-page">
      <section className="fields-page">
        <div className="page-head">
          <h2>{t('fields.title')}</h2>
          <p className="muted">{t('fields.subtitle')}</p>
        </div>
        <RecordNaming draft={draft} fields={fields} apply={apply} />
        <div className="table-wrap">
          <table className="fields-table">
            <thead>
              <tr>
                <th scope="col">{t('fields.key')}</th>
                <th scope="col">{t('fields.titleVi')}</th>
                <th scope="col">{t('fields.titleEn')}</th>
                <th scope="col">{t('fields.type')}</th>
                <th scope="col">{t('fields.options')}</th>
                <th scope="col">{t('fields.setBy')}</th>
                <th scope="col">{t('fields.required')}</th>
                <th scope="col">
                  <span className="sr-only">{t('fields.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => (
                <FieldRow
                  key={field.key}
                  field={field}
                  issues={issues.fields.get(field.key) ?? []}
                  highlighted={focus?.field === field.key}
                  apply={apply}
                  onRename={() => setRenaming(field.key)}
                  onRemove={() => remove(field.key)}
                />
              ))}
            </tbody>
          </table>
        </div>
        <AddFieldForm draft={draft} apply={apply} />
      </section>
      <ProblemsPanel draft={draft} validation={validation} onJump={onJump} />
      {renaming && (
        <RenameFieldDialog
          draft={draft}
          field={renaming}
          apply={apply}
          onClose={() => setRenaming(undefined)}
        />
      )}
      {refused && (
        <FieldUsageDialog
          field={label(draft.schema.properties?.[refused.field]?.['x-labels'], refused.field)}
          usages={refused.usages}
          draft={draft}
          onClose={() => setRefused(undefined)}
        />
      )}
    </div>
  );
}
