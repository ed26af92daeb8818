/**
 * The editor of one entity: the draft with undo/redo, live validation, selection, and
 * the four tabs (pipeline, fields, simulation, history). Saving creates a new version.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Definition } from '../api/designer-api.js';
import { navigation } from '../app/navigation.js';
import { matchRoute, paths, type EditorTab } from '../app/routes.js';
import { useLeaveGuard } from '../app/useLeaveGuard.js';
import { sameContent, type Draft } from '../model/draft.js';
import { indexIssues } from '../model/issues.js';
import { listStages, setPositions } from '../model/stages.js';
import { FieldsTab } from './fields/FieldsTab.js';
import { EditorToolbar } from './EditorToolbar.js';
import { useAutoLayout } from './graph/useAutoLayout.js';
import { HistoryTab } from './history/HistoryTab.js';
import { PipelineTab } from './PipelineTab.js';
import { SaveDialog } from './SaveDialog.js';
import type { Selection } from './selection.js';
import { SimulationTab } from './simulation/SimulationTab.js';
import { useDraftHistory } from './useDraftHistory.js';
import { useEditorShortcuts } from './useEditorShortcuts.js';
import { usePipelineActions } from './usePipelineActions.js';
import { useStageCounts } from './useStageCounts.js';
import { useValidation } from './useValidation.js';

const toDraft = (d: Definition): Draft => structuredClone({ schema: d.schema, machine: d.machine });

export function EditorWorkspace({ definition, tab }: { definition: Definition; tab: EditorTab }) {
  const entity = definition.entity;
  const [saved, setSaved] = useState(definition);
  const [baseline, setBaseline] = useState(() => toDraft(definition));
  const history = useDraftHistory(baseline);
  const { draft } = history;
  const dirty = !sameContent(baseline, draft);
  const [selection, setSelection] = useState<Selection>(null);
  const [focus, setFocus] = useState<{ stage: string; n: number }>();
  const [fieldFocus, setFieldFocus] = useState<{ field: string; n: number }>();
  const [saving, setSaving] = useState(false);
  const validation = useValidation(entity, draft);
  const issues = useMemo(() => indexIssues(validation.issues), [validation.issues]);
  const records = useStageCounts(entity, saved.version);
  const layout = useAutoLayout(draft);

  // Stages without a saved position get elk's, as if they had been saved with them.
  useEffect(() => {
    const missing = listStages(draft).filter((s) => !s.state.meta.position && layout.positions[s.path]);
    if (!layout.ready || missing.length === 0 || history.canUndo || history.canRedo) return;
    const placed = setPositions(
      draft,
      Object.fromEntries(missing.map((s) => [s.path, layout.positions[s.path]])),
    );
    if (sameContent(baseline, draft)) setBaseline(placed);
    history.reset(placed);
  }, [layout, draft, baseline, history]);

  useLeaveGuard(dirty, (to) => {
    const route = matchRoute(to);
    return !(route.name === 'editor' && route.entity === entity);
  });

  const focusStage = useCallback((stage: string) => setFocus((f) => ({ stage, n: (f?.n ?? 0) + 1 })), []);
  const focusField = useCallback(
    (field: string) => {
      setFieldFocus((f) => ({ field, n: (f?.n ?? 0) + 1 }));
      if (tab !== 'fields') navigation.navigate(paths.editor(entity, 'fields'));
    },
    [entity, tab],
  );
  const actions = usePipelineActions({
    history,
    selection,
    setSelection,
    focusStage,
    focusField,
    layoutPositions: layout.positions,
  });

  useEditorShortcuts({
    undo: history.undo,
    redo: history.redo,
    save: () => setSaving(true),
    deleteSelection: () => tab === 'pipeline' && actions.deleteSelection(),
    clearSelection: () => setSelection(null),
  });

  const onSaved = useCallback(
    (next: Definition) => {
      const nextDraft = toDraft(next);
      setSaved(next);
      setBaseline(nextDraft);
      history.reset(nextDraft);
      setSaving(false);
    },
    [history],
  );

  return (
    <main className="editor" data-ready={layout.ready ? 'true' : 'false'}>
      <EditorToolbar
        definition={saved}
        tab={tab}
        dirty={dirty}
        history={history}
        validation={validation}
        onSave={() => setSaving(true)}
      />
      {tab === 'pipeline' && (
        <PipelineTab
          draft={draft}
          apply={history.apply}
          validation={validation}
          issues={issues}
          records={records}
          positions={layout.positions}
          ready={layout.ready}
          selection={selection}
          setSelection={setSelection}
          actions={actions}
          focus={focus}
        />
      )}
      {tab === 'fields' && (
        <FieldsTab
          draft={draft}
          apply={history.apply}
          issues={issues}
          validation={validation}
          focus={fieldFocus}
          onJump={actions.jumpTo}
        />
      )}
      {tab === 'simulate' && (
        <SimulationTab
          entity={entity}
          draft={draft}
          positions={layout.positions}
          issues={validation.issues}
        />
      )}
      {tab === 'history' && <HistoryTab entity={entity} current={saved} dirty={dirty} onRestored={onSaved} />}
      {saving && (
        <SaveDialog
          entity={entity}
          saved={baseline}
          draft={draft}
          validation={validation}
          onCancel={() => setSaving(false)}
          onSaved={onSaved}
        />
      )}
    </main>
  );
}
