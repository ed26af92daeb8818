/** The ways out of a stage, and adding one without dragging (keyboard users). */
import { useStageNames } from '../useStageNames.js';
import { PanelSection } from './PanelSection.js';
import { useState } from 'react';
import { useI18n } from '../../i18n/useI18n.js';
import { formatDuration } from '../../model/duration.js';
import type { Draft } from '../../model/draft.js';
import { addTransition, listTransitions } from '../../model/transitions.js';
import type { Selection } from '../selection.js';
import type { DraftHistory } from '../useDraftHistory.js';

export interface StageTransitionsProps {
  stage: string;
  draft: Draft;
  apply: DraftHistory['apply'];
  setSelection: (selection: Selection) => void;
}

export function StageTransitions({ stage, draft, apply, setSelection }: StageTransitionsProps) {
  const { t, label, lang } = useI18n();
  const [target, setTarget] = useState('');
  const outgoing = listTransitions(draft).filter((tr) => tr.source === stage);
  const names = useStageNames(draft);
  const stageName = (key: string | undefined) => (key ? names.name(key) : t('transition.stays'));
  const add = () => {
    if (!target) return;
    const result = addTransition(draft, stage, target);
    apply(() => result.draft);
    setSelection({ kind: 'transition', id: result.id });
  };
  return (
    <PanelSection id="StageTransitions-1" title={<>{t('stage.transitions')} <span className="count">{outgoing.length}</span></>}>
      <ul className="link-list">
        {outgoing.map((tr) => (
          <li key={tr.id}>
            <button
              type="button"
              className="link-row"
              onClick={() => setSelection({ kind: 'transition', id: tr.id })}
            >
              <span className="link-row-main">
                {tr.kind === 'on'
                  ? label(draft.machine.meta?.events?.[tr.key], tr.key)
                  : tr.kind === 'after'
                    ? t('edge.after', { duration: formatDuration(tr.key, lang) })
                    : t('edge.always')}
              </span>
              <span className="muted">→ {stageName(tr.target)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <select
          aria-label={t('transition.newTarget')}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          className="grow"
        >
          <option value="">{t('transition.chooseTarget')}</option>
          {names.choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-sm" onClick={add} disabled={!target}>
          {t('transition.add')}
        </button>
      </div>
    </PanelSection>
  );
}
