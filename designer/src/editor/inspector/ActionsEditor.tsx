/** The actions a transition runs, in order: data changes in the commit, effects after it. */
import type { RegistryEntry } from '../../api/designer-api.js';
import { PanelSection } from './PanelSection.js';
import { useI18n } from '../../i18n/useI18n.js';
import type { NamedRef } from '../../model/pack-types.js';
import type { FormContext } from '../forms/form-context.js';
import { RefEditor } from './RefEditor.js';

export interface ActionsEditorProps {
  entries: RegistryEntry[];
  actions: NamedRef[];
  context: FormContext;
  onChange: (actions: NamedRef[], coalesce?: string) => void;
}

export function ActionsEditor({ entries, actions, context, onChange }: ActionsEditorProps) {
  const { t } = useI18n();
  const first = entries[0]?.name;
  return (
    <PanelSection id="ActionsEditor-1" title={<>{t('transition.actions')} <span className="count">{actions.length}</span></>}>
      {actions.map((action, i) => (
        <div key={i} className="item-card">
          <div className="item-card-tools">
            <span className="muted">#{i + 1}</span>
            <button
              type="button"
              className="btn btn-icon btn-sm"
              aria-label={t('ref.removeAction')}
              title={t('ref.removeAction')}
              onClick={() => onChange(actions.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
          <RefEditor
            idPrefix={`action-${i}`}
            kind="action"
            required
            entries={entries}
            value={action}
            context={context}
            onChange={(next, coalesce) =>
              next &&
              onChange(
                actions.map((a, j) => (j === i ? next : a)),
                coalesce,
              )
            }
          />
        </div>
      ))}
      <button
        type="button"
        className="btn btn-link btn-sm"
        disabled={!first}
        onClick={() => first && onChange([...actions, { type: first }])}
      >
        + {t('ref.addAction')}
      </button>
    </PanelSection>
  );
}
