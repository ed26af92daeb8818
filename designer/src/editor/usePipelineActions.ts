/** The editor's commands on the pipeline, each one undoable step. */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import { useI18n } from '../i18n/useI18n.js';
import { parentOf, stageAt, type Draft } from '../model/draft.js';
import { issueTarget, type Issue } from '../model/issues.js';
import { addStage, deleteStage, setPositions } from '../model/stages.js';
import { addTransition, deleteTransition } from '../model/transitions.js';
import { useToast } from '../ui/useToast.js';
import { elkLayout } from './graph/elk-layout.js';
import {
  freeSpot,
  GROUP_HEADER,
  GROUP_PAD,
  NODE_HEIGHT,
  NODE_WIDTH,
  stageBoxes,
  type Positions,
} from './graph/geometry.js';
import type { Selection } from './selection.js';
import type { DraftHistory } from './useDraftHistory.js';

export interface PipelineActions {
  /** Add a stage inside `parent` (default: beside the selected stage, or at the top level). */
  addStage: (parent?: string) => void;
  deleteSelection: () => void;
  connect: (source: string, target: string) => void;
  move: (positions: Record<string, { x: number; y: number }>) => void;
  autoLayout: () => void;
  /** Select what an issue is about and bring it into view; fields switch to the Fields tab. */
  jumpTo: (issue: Issue) => void;
}

interface Deps {
  history: DraftHistory;
  selection: Selection;
  setSelection: (selection: Selection) => void;
  focusStage: (stage: string) => void;
  focusField: (field: string) => void;
  /** Laid-out positions of stages the draft has none for. */
  layoutPositions: Positions;
}

export function usePipelineActions({
  history,
  selection,
  setSelection,
  focusStage,
  focusField,
  layoutPositions,
}: Deps): PipelineActions {
  const { t, label } = useI18n();
  const toast = useToast();
  const { screenToFlowPosition } = useReactFlow();

  // Next to the selected stage, else (top level) in the middle of the view, else (inside
  // a stage) after its last step; never on top of another stage.
  const placeNewStage = useCallback(
    (draft: Draft, parent: string): { x: number; y: number } => {
      const boxes = stageBoxes(draft, layoutPositions);
      const siblings = [...boxes.values()].filter((b) => b.parent === parent);
      const from = selection?.kind === 'stage' ? boxes.get(selection.key) : undefined;
      if (from && from.parent === parent) return freeSpot({ x: from.x + from.w + 80, y: from.y }, siblings);
      if (parent !== '') {
        const right = Math.max(GROUP_PAD - 60, ...siblings.map((b) => b.x + b.w));
        return freeSpot({ x: right + 60, y: GROUP_HEADER }, siblings);
      }
      const box = document.querySelector('.canvas')?.getBoundingClientRect();
      const centre = box
        ? screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
        : { x: 0, y: 0 };
      return freeSpot({ x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 }, siblings);
    },
    [layoutPositions, selection, screenToFlowPosition],
  );

  const add = useCallback(
    (parent?: string) => {
      const draft = history.draft;
      const within = parent ?? (selection?.kind === 'stage' ? parentOf(selection.key) : '');
      const labels = { vi: t('stage.newVi'), en: t('stage.newEn') };
      const after = selection?.kind === 'stage' && parentOf(selection.key) === within ? selection.key : undefined;
      const result = addStage(draft, labels, placeNewStage(draft, within), within, after);
      history.apply(() => result.draft);
      setSelection({ kind: 'stage', key: result.key });
      focusStage(result.key);
    },
    [history, placeNewStage, selection, setSelection, focusStage, t],
  );

  const deleteSelection = useCallback(() => {
    const draft = history.draft;
    if (selection?.kind === 'stage') {
      if (draft.machine.initial === selection.key) {
        toast(t('stage.cannotDeleteInitial'), 'error');
        return;
      }
      history.apply((d) => deleteStage(d, selection.key));
      setSelection(null);
      toast(
        t('stage.deleted', { stage: label(stageAt(draft, selection.key)?.meta.labels, selection.key) }),
        'info',
      );
    } else if (selection?.kind === 'transition') {
      history.apply((d) => deleteTransition(d, selection.id));
      setSelection(null);
    }
  }, [history, selection, setSelection, toast, t, label]);

  const connect = useCallback(
    (source: string, target: string) => {
      const draft = history.draft;
      if (stageAt(draft, source)?.type === 'final') {
        toast(t('transition.fromFinal'), 'error');
        return;
      }
      const result = addTransition(draft, source, target);
      history.apply(() => result.draft);
      setSelection({ kind: 'transition', id: result.id });
    },
    [history, setSelection, toast, t],
  );

  // A step stays inside its stage, below the stage's header (the frame grows to the right and down).
  const move = useCallback(
    (positions: Record<string, { x: number; y: number }>) => {
      const kept = Object.fromEntries(
        Object.entries(positions).map(([path, p]) =>
          path.includes('.')
            ? [path, { x: Math.max(GROUP_PAD, p.x), y: Math.max(GROUP_HEADER, p.y) }]
            : [path, p],
        ),
      );
      history.apply((d) => setPositions(d, kept));
    },
    [history],
  );

  const autoLayout = useCallback(() => {
    elkLayout(history.draft).then(
      (positions) => history.apply((d) => setPositions(d, positions)),
      () => toast(t('canvas.layoutFailed'), 'error'),
    );
  }, [history, toast, t]);

  const jumpTo = useCallback(
    (issue: Issue) => {
      const target = issueTarget(issue);
      if (target.kind === 'stage') {
        setSelection({ kind: 'stage', key: target.stage });
        focusStage(target.stage);
      } else if (target.kind === 'transition') {
        setSelection({ kind: 'transition', id: target.id });
        if (target.stage) focusStage(target.stage);
      } else if (target.kind === 'field') focusField(target.field);
      else setSelection(null);
    },
    [setSelection, focusStage, focusField],
  );

  return useMemo(
    () => ({ addStage: add, deleteSelection, connect, move, autoLayout, jumpTo }),
    [add, deleteSelection, connect, move, autoLayout, jumpTo],
  );
}
