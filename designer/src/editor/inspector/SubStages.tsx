/** The stages inside a stage (its steps), and adding one. */
import { useI18n } from '../../i18n/useI18n.js';
import { PanelSection } from './PanelSection.js';
import { childPath, stageAt, type Draft } from '../../model/draft.js';
import type { Selection } from '../selection.js';
import { orderedStates } from '../../model/stages.js';

export interface SubStagesProps {
  stage: string;
  draft: Draft;
  setSelection: (selection: Selection) => void;
  onAdd: () => void;
}

export function SubStages({ stage, draft, setSelection, onAdd }: SubStagesProps) {
  const { t, label } = useI18n();
  const state = stageAt(draft, stage);
  const children = orderedStates(state?.states ?? {});
  return (
    <PanelSection id="SubStages-1" title={<>{t('stage.subStages')} <span className="count">{children.length}</span></>}>
      {children.length === 0 ? (
        <p className="hint">{t('stage.subStagesHint')}</p>
      ) : (
        <ul className="link-list">
          {children.map(([key, child]) => (
            <li key={key}>
              <button
                type="button"
                className="link-row"
                onClick={() => setSelection({ kind: 'stage', key: childPath(stage, key) })}
              >
                <span className="link-row-main">{label(child.meta.labels, key)}</span>
                {state?.initial === key && <span className="pill pill-start">{t('node.start')}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn btn-link btn-sm" onClick={onAdd}>
        + {t('stage.addSubStage')}
      </button>
    </PanelSection>
  );
}
