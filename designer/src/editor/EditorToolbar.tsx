/** The bar above an entity's editor: name and version, tabs, undo/redo, validation status, save. */
import type { Definition } from '../api/designer-api.js';
import { Link } from '../app/Link.js';
import { EDITOR_TABS, paths, type EditorTab } from '../app/routes.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { useI18n } from '../i18n/useI18n.js';
import type { DraftHistory } from './useDraftHistory.js';
import type { Validation } from './useValidation.js';
import { ValidationStatus } from './ValidationStatus.js';
import { useChangesText } from './changes/useChangesText.js';

const TAB_LABELS: Record<EditorTab, MessageKey> = {
  pipeline: 'tab.pipeline',
  fields: 'tab.fields',
  simulate: 'tab.simulate',
  history: 'tab.history',
};

export interface EditorToolbarProps {
  definition: Definition;
  tab: EditorTab;
  dirty: boolean;
  history: DraftHistory;
  validation: Validation;
  onSave: () => void;
  /** "Save draft": keep the work without staff seeing it. */
  draftAction: { disabled: boolean; busy: boolean; onClick: () => void };
}

export function EditorToolbar({ definition, tab, dirty, history, validation, onSave, draftAction }: EditorToolbarProps) {
  const { t, label } = useI18n();
  const { c } = useChangesText();
  return (
    <div className="editor-toolbar">
      <div className="editor-title">
        <Link
          to={paths.pipelines()}
          className="back-link"
          aria-label={t('editor.backToList')}
          title={t('editor.backToList')}
        >
          ←
        </Link>
        <h1>{label(definition.schema['x-labels'], definition.entity)}</h1>
        <span className="badge badge-version" title={t('editor.versionTitle')}>
          {t('common.versionShort', { version: definition.version })}
        </span>
        {dirty && (
          <span className="badge badge-dirty" role="status">
            {t('editor.unsaved')}
          </span>
        )}
      </div>
      <nav className="tabs" aria-label={t('editor.tabs')}>
        {EDITOR_TABS.map((name) => (
          <Link
            key={name}
            to={paths.editor(definition.entity, name)}
            className="tab"
            aria-current={tab === name ? 'page' : undefined}
          >
            {t(TAB_LABELS[name])}
          </Link>
        ))}
      </nav>
      <div className="editor-actions">
        <ValidationStatus validation={validation} />
        <button
          type="button"
          className="btn btn-icon"
          onClick={history.undo}
          disabled={!history.canUndo}
          title={t('editor.undo')}
          aria-label={t('editor.undo')}
        >
          ↶
        </button>
        <button
          type="button"
          className="btn btn-icon"
          onClick={history.redo}
          disabled={!history.canRedo}
          title={t('editor.redo')}
          aria-label={t('editor.redo')}
        >
          ↷
        </button>
        <button type="button" className="btn" onClick={draftAction.onClick} disabled={draftAction.disabled}>
          {draftAction.busy ? c('draft.saving') : c('draft.save')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onSave} disabled={!dirty}>
          {t('editor.save')}
        </button>
      </div>
    </div>
  );
}
