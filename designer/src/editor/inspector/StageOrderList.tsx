/**
 * Sibling stages in their order, reordered by dragging or with each row's arrows (the
 * keyboard's way). The order is kept in the definition (`meta.order`) and is what the board,
 * the record's steps and Alt+←/→ follow.
 */
import { useState } from 'react';
import { PanelSection } from './PanelSection.js';
import { childPath, containerAt, type Draft } from '../../model/draft.js';
import { orderedStates, reorderStage } from '../../model/stages.js';
import { useChangesText } from '../changes/useChangesText.js';
import type { Selection } from '../selection.js';
import type { DraftHistory } from '../useDraftHistory.js';

export interface StageOrderListProps {
  /** The stage whose steps are listed; '' for the pipeline's top-level stages. */
  parent: string;
  draft: Draft;
  apply: DraftHistory['apply'];
  setSelection: (selection: Selection) => void;
}

export function StageOrderList({ parent, draft, apply, setSelection }: StageOrderListProps) {
  const { c, label, t } = useChangesText();
  const [dragged, setDragged] = useState<string>();
  const [over, setOver] = useState<number>();
  const stages = orderedStates(containerAt(draft.machine, parent)?.states ?? {});
  if (stages.length < 2) return null;
  const move = (key: string, index: number) => apply((d) => reorderStage(d, childPath(parent, key), index));
  return (
    <PanelSection id="StageOrderList-1" data-order-of={parent || 'pipeline'} title={<>{c('order.title')}</>}>
      <p className="hint">{c('order.hint')}</p>
      <ol className="order-list">
        {stages.map(([key, state], index) => {
          const name = label(state.meta.labels, key);
          return (
            <li
              key={key}
              className={`order-row${over === index && dragged !== key ? ' order-over' : ''}`}
              draggable
              data-stage={childPath(parent, key)}
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', key);
                setDragged(key);
              }}
              onDragOver={(e) => {
                e.preventDefault();
                setOver(index);
              }}
              onDragLeave={() => setOver((o) => (o === index ? undefined : o))}
              onDrop={(e) => {
                e.preventDefault();
                const from = e.dataTransfer.getData('text/plain') || dragged;
                if (from && from !== key) move(from, index);
                setDragged(undefined);
                setOver(undefined);
              }}
              onDragEnd={() => {
                setDragged(undefined);
                setOver(undefined);
              }}
            >
              <span className="order-handle" title={c('order.drag')} aria-hidden="true">
                ⋮⋮
              </span>
              <button type="button" className="link-row order-name" onClick={() => setSelection({ kind: 'stage', key: childPath(parent, key) })}>
                {name}
                {state.type === 'final' && <span className="pill">{t('node.end')}</span>}
              </button>
              {([['order.earlier', -1, '↑'], ['order.later', 1, '↓']] as const).map(([words, step, arrow]) => (
                <button
                  key={words}
                  type="button"
                  className="btn btn-icon btn-sm"
                  aria-label={c(words, { stage: name })}
                  title={c(words, { stage: name })}
                  disabled={index + step < 0 || index + step >= stages.length}
                  onClick={() => move(key, index + step)}
                >
                  {arrow}
                </button>
              ))}
            </li>
          );
        })}
      </ol>
    </PanelSection>
  );
}
