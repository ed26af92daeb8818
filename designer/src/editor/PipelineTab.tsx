/** The pipeline tab: the graph with its tools and problems, and the inspector beside it. */
import { useI18n } from '../i18n/useI18n.js';
import type { Draft } from '../model/draft.js';
import type { IssueIndex } from '../model/issues.js';
import { PipelineCanvas } from './graph/PipelineCanvas.js';
import { Inspector } from './inspector/Inspector.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import type { Selection } from './selection.js';
import type { DraftHistory } from './useDraftHistory.js';
import type { PipelineActions } from './usePipelineActions.js';
import type { Validation } from './useValidation.js';

export interface PipelineTabProps {
  draft: Draft;
  apply: DraftHistory['apply'];
  validation: Validation;
  issues: IssueIndex;
  records: Map<string, number>;
  positions: Record<string, { x: number; y: number }>;
  ready: boolean;
  selection: Selection;
  setSelection: (selection: Selection) => void;
  actions: PipelineActions;
  focus?: { stage: string; n: number };
}

export function PipelineTab({
  draft,
  apply,
  validation,
  issues,
  records,
  positions,
  ready,
  selection,
  setSelection,
  actions,
  focus,
}: PipelineTabProps) {
  const { t } = useI18n();
  return (
    <div className="editor-body">
      <section className="canvas-column" aria-label={t('tab.pipeline')}>
        <div className="canvas-tools">
          <button type="button" className="btn btn-primary btn-sm" onClick={() => actions.addStage()}>
            + {t('canvas.addStage')}
          </button>
          <button type="button" className="btn btn-sm" onClick={actions.autoLayout}>
            {t('canvas.autoLayout')}
          </button>
          <span className="canvas-hint muted">{t('canvas.hint')}</span>
        </div>
        {ready ? (
          <PipelineCanvas
            draft={draft}
            positions={positions}
            issues={issues}
            records={records}
            selection={selection}
            onSelect={setSelection}
            onConnect={actions.connect}
            onMove={actions.move}
            focus={focus}
          />
        ) : (
          <div className="canvas canvas-loading muted">{t('canvas.layingOut')}</div>
        )}
        <ProblemsPanel draft={draft} validation={validation} onJump={actions.jumpTo} />
      </section>
      <Inspector
        draft={draft}
        apply={apply}
        selection={selection}
        setSelection={setSelection}
        issues={issues}
        actions={actions}
      />
    </div>
  );
}
