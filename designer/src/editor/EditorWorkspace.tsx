/**
 * The editor of one entity: the draft with undo/redo, live validation, selection, and
 * the four tabs (pipeline, fields, simulation, history). "Save draft" keeps work staff do
 * not see; publishing creates a new version, naming the one it was made on (a version
 * saved meanwhile opens the conflict dialog); records on older versions can be moved.
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
import { messageOf } from '../api/loadable.js';
import { useToast } from '../ui/useToast.js';
import { ConflictDialog } from './changes/ConflictDialog.js';
import { DraftBanner, DraftConflictDialog, MigrationBanner } from './changes/ChangeBanners.js';
import { MigrationDialog } from './changes/MigrationDialog.js';
import { useChangesText } from './changes/useChangesText.js';
import { useServerDraft } from './changes/useServerDraft.js';
import { forgetNavigation } from '../workspace/useNavigationGroups.js';

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
  const [saving, setSaving] = useState<{ baseVersion: number }>();
  const [conflict, setConflict] = useState(false);
  const [draftConflict, setDraftConflict] = useState(false);
  const [migrating, setMigrating] = useState(false);
  const { c } = useChangesText();
  const toast = useToast();
  const validation = useValidation(entity, draft);
  const issues = useMemo(() => indexIssues(validation.issues), [validation.issues]);
  const stageCounts = useStageCounts(entity, saved.version);
  const records = stageCounts.counts;
  const layout = useAutoLayout(draft);
  // A draft kept on the server is where the admin left off: it opens as unsaved changes.
  const serverDraft = useServerDraft(entity, (stored) => history.reset(structuredClone({ schema: stored.schema, machine: stored.machine })));
  const stored = serverDraft.current;
  const draftSaved = useMemo(() => stored !== undefined && sameContent({ schema: stored.schema, machine: stored.machine }, draft), [stored, draft]);

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
    save: () => setSaving({ baseVersion: saved.version }),
    deleteSelection: () => tab === 'pipeline' && actions.deleteSelection(),
    clearSelection: () => setSelection(null),
  });

  const onSaved = useCallback(
    (next: Definition) => {
      const nextDraft = toDraft(next);
      setSaved(next);
      setBaseline(nextDraft);
      history.reset(nextDraft);
      setSaving(undefined);
      serverDraft.forget();
      // Staff's menu may have gained, moved or lost this pipeline.
      forgetNavigation();
    },
    [history, serverDraft],
  );

  /** Go on from `theirs` (another admin's version), with `next` as the draft. */
  const rebase = useCallback(
    (theirs: Definition, next: Draft) => {
      setSaved(theirs);
      setBaseline(toDraft(theirs));
      history.reset(structuredClone(next));
      setConflict(false);
    },
    [history],
  );

  const saveDraft = useCallback(
    (overwrite = false) => {
      serverDraft.save(draft, saved.version, overwrite).then(
        (outcome) => {
          if (outcome === 'conflict') setDraftConflict(true);
          else toast(c('draft.saved', { version: saved.version }), 'success');
        },
        (error: unknown) => toast(messageOf(error), 'error'),
      );
    },
    [serverDraft, draft, saved.version, toast, c],
  );

  return (
    <main className="editor" data-ready={layout.ready ? 'true' : 'false'}>
      <EditorToolbar
        definition={saved}
        tab={tab}
        dirty={dirty}
        history={history}
        validation={validation}
        onSave={() => setSaving({ baseVersion: saved.version })}
        draftAction={{ disabled: !dirty || draftSaved || serverDraft.busy, busy: serverDraft.busy, onClick: () => saveDraft() }}
      />
      {serverDraft.current && <DraftBanner draft={serverDraft.current} published={saved.version} onDiscard={() => void serverDraft.discard().then(() => history.reset(baseline), (e: unknown) => toast(messageOf(e), 'error'))} />}
      {stageCounts.older > 0 && !dirty && <MigrationBanner count={stageCounts.older} version={saved.version} onOpen={() => setMigrating(true)} />}
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
          baseVersion={saving.baseVersion}
          onCancel={() => setSaving(undefined)}
          onSaved={onSaved}
          onConflict={() => {
            setSaving(undefined);
            setConflict(true);
          }}
        />
      )}
      {conflict && (
        <ConflictDialog
          entity={entity}
          base={baseline}
          baseVersion={saved.version}
          mine={draft}
          onCancel={() => setConflict(false)}
          onReload={(theirs) => {
            rebase(theirs, toDraft(theirs));
            toast(c('conflict.reloaded', { version: theirs.version }), 'info');
          }}
          onMerged={(theirs, merged) => {
            rebase(theirs, merged);
            toast(c('conflict.merged', { version: theirs.version }), 'success');
          }}
          onOverwrite={(theirs) => {
            setConflict(false);
            setSaving({ baseVersion: theirs.version });
          }}
        />
      )}
      {draftConflict && (
        <DraftConflictDialog
          onCancel={() => setDraftConflict(false)}
          onReload={() => {
            setDraftConflict(false);
            serverDraft.reload().then((stored) => stored && history.reset(structuredClone({ schema: stored.schema, machine: stored.machine })), () => undefined);
          }}
          onOverwrite={() => {
            setDraftConflict(false);
            saveDraft(true);
          }}
        />
      )}
      {migrating && <MigrationDialog definition={saved} onClose={() => setMigrating(false)} onMoved={stageCounts.refresh} />}
    </main>
  );
}
