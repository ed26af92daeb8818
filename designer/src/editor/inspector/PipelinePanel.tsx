/** With nothing selected: the pipeline's name, start stage, event labels and machine-wide events. */
import { useStageNames } from '../useStageNames.js';
import { PanelSection } from './PanelSection.js';
import { useI18n } from '../../i18n/useI18n.js';
import { edit, type Draft } from '../../model/draft.js';
import { eventsInUse } from '../../model/machine-walk.js';
import { setInitialStage } from '../../model/stages.js';
import { listTransitions, setEventLabels } from '../../model/transitions.js';
import { LabelsInput } from '../../ui/LabelsInput.js';
import type { Selection } from '../selection.js';
import { StageOrderList } from './StageOrderList.js';
import { PipelineSettingsSection } from './PipelineSettingsSection.js';
import type { DraftHistory } from '../useDraftHistory.js';

export interface PipelinePanelProps {
  draft: Draft;
  apply: DraftHistory['apply'];
  setSelection: (selection: Selection) => void;
}

export function PipelinePanel({ draft, apply, setSelection }: PipelinePanelProps) {
  const { t, label } = useI18n();
  const events = [...eventsInUse(draft.machine)].sort();
  const machineWide = listTransitions(draft).filter((tr) => tr.source === '');
  const names = useStageNames(draft);
  const topLevel = names.choices.filter((c) => c.stage.depth === 0 && !c.stage.final);
  return (
    <div className="inspector-panel" data-panel="pipeline">
      <header className="panel-head">
        <span className="panel-kind">{t('inspector.pipeline')}</span>
        <h2>{label(draft.schema['x-labels'], draft.machine.id)}</h2>
      </header>
      <p className="hint panel-intro">{t('inspector.pipelineHint')}</p>
      <section className="panel-section">
        <LabelsInput
          legend={t('pipeline.name')}
          value={draft.schema['x-labels']}
          onChange={(labels) =>
            apply((d) => edit(d, ({ schema }) => void (schema['x-labels'] = labels)), 'entity-labels')
          }
        />
        <div className="form-field">
          <label htmlFor="pipeline-initial">{t('pipeline.initial')}</label>
          <select
            id="pipeline-initial"
            value={draft.machine.initial}
            onChange={(e) => apply((d) => setInitialStage(d, e.target.value))}
          >
            {topLevel.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      </section>
      <PanelSection id="PipelinePanel-1" title={<>{t('pipeline.events')} <span className="count">{events.length}</span></>}>
        {events.map((event) => (
          <LabelsInput
            key={event}
            legend={event}
            value={draft.machine.meta?.events?.[event] ?? { vi: '', en: '' }}
            onChange={(labels) => apply((d) => setEventLabels(d, event, labels), `event-labels:${event}`)}
          />
        ))}
      </PanelSection>
      <PipelineSettingsSection draft={draft} apply={apply} />
      <StageOrderList parent="" draft={draft} apply={apply} setSelection={setSelection} />
      {machineWide.length > 0 && (
        <PanelSection id="PipelinePanel-2" title={<>{t('pipeline.machineWide')}</>}>
          <p className="hint">{t('pipeline.machineWideHint')}</p>
          <ul className="link-list">
            {machineWide.map((tr) => (
              <li key={tr.id}>
                <button
                  type="button"
                  className="link-row"
                  onClick={() => setSelection({ kind: 'transition', id: tr.id })}
                >
                  <span className="link-row-main">{label(draft.machine.meta?.events?.[tr.key], tr.key)}</span>
                  <span className="muted">
                    {tr.target ? `→ ${names.name(tr.target)}` : t('transition.stays')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </PanelSection>
      )}
    </div>
  );
}
