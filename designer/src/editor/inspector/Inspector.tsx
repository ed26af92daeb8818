/** The side panel: edits the selected stage or transition, or the pipeline when nothing is selected. */
import { useI18n } from '../../i18n/useI18n.js';
import { stageAt, type Draft } from '../../model/draft.js';
import type { IssueIndex } from '../../model/issues.js';
import { findTransition } from '../../model/transitions.js';
import type { Selection } from '../selection.js';
import type { DraftHistory } from '../useDraftHistory.js';
import type { PipelineActions } from '../usePipelineActions.js';
import { PipelinePanel } from './PipelinePanel.js';
import { StagePanel } from './StagePanel.js';
import { TransitionPanel } from './TransitionPanel.js';

export interface InspectorProps {
  draft: Draft;
  apply: DraftHistory['apply'];
  selection: Selection;
  setSelection: (selection: Selection) => void;
  issues: IssueIndex;
  actions: PipelineActions;
}

export function Inspector({ draft, apply, selection, setSelection, issues, actions }: InspectorProps) {
  const { t } = useI18n();
  let body;
  if (selection?.kind === 'stage' && stageAt(draft, selection.key)) {
    body = (
      <StagePanel
        key={selection.key}
        stage={selection.key}
        draft={draft}
        apply={apply}
        setSelection={setSelection}
        issues={issues.stages.get(selection.key) ?? []}
        onDelete={actions.deleteSelection}
        onAddSubStage={() => actions.addStage(selection.key)}
      />
    );
  } else if (selection?.kind === 'transition' && findTransition(draft, selection.id)) {
    body = (
      <TransitionPanel
        key={selection.id}
        id={selection.id}
        draft={draft}
        apply={apply}
        setSelection={setSelection}
        issues={issues.transitions.get(selection.id) ?? []}
        onDelete={actions.deleteSelection}
      />
    );
  } else {
    body = <PipelinePanel draft={draft} apply={apply} setSelection={setSelection} />;
  }
  return (
    <aside className="inspector" aria-label={t('inspector.label')}>
      {body}
    </aside>
  );
}
