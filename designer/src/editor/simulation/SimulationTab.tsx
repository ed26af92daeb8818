/**
 * Simulation: start from sample data (or a copy of a real record), click through events
 * and see, step by step, the guards' verdicts and reasons, the actions, timers and
 * reminders that would run, and the data after. Nothing is stored.
 */
import { useMemo, useState } from 'react';
import type { SimulationRequest, SimulationStep } from '../../api/designer-api.js';
import { useI18n } from '../../i18n/useI18n.js';
import type { Draft } from '../../model/draft.js';
import { indexIssues, type Issue } from '../../model/issues.js';
import { sampleData } from '../../model/sample-data.js';
import { PipelineCanvas } from '../graph/PipelineCanvas.js';
import { SimulationControls } from './SimulationControls.js';
import { SimulationData } from './SimulationData.js';
import { SimulationSetup, type SimulationStart } from './SimulationSetup.js';
import { SimulationSteps } from './SimulationSteps.js';
import { useSimulation } from './useSimulation.js';

export interface SimulationTabProps {
  entity: string;
  draft: Draft;
  positions: Record<string, { x: number; y: number }>;
  issues: Issue[];
}

const noIssues = indexIssues([]);
const noRecords = new Map<string, number>();

export function SimulationTab({ entity, draft, positions, issues }: SimulationTabProps) {
  const { t } = useI18n();
  const [start, setStart] = useState<SimulationStart>(() => ({
    data: sampleData(draft.schema, t('sim.sampleText')),
  }));
  const [steps, setSteps] = useState<SimulationStep[]>([]);
  const input: SimulationRequest = { ...start, events: steps };
  const sim = useSimulation(entity, draft, input, issues.length === 0);
  const result = sim.result;
  const last = result ? (result.steps[result.steps.length - 1]?.record ?? result.start.record) : undefined;
  const highlight = useMemo(() => {
    if (!result || !last) return undefined;
    // A stage counts as visited with the stages around it ("open.proposal" visits "open").
    const visited = new Set<string>();
    for (const stage of [result.start.to, ...result.steps.map((s) => s.to)]) {
      const keys = (stage.split(',')[0] ?? '').split('.');
      keys.forEach((_, i) => visited.add(keys.slice(0, i + 1).join('.')));
    }
    return { current: last.stage.split(',')[0] ?? last.stage, visited };
  }, [result, last]);

  return (
    <div className="editor-body">
      <section className="canvas-column" aria-label={t('tab.pipeline')}>
        <PipelineCanvas
          draft={draft}
          positions={positions}
          issues={noIssues}
          records={noRecords}
          selection={null}
          onSelect={() => undefined}
          readOnly
          sim={highlight}
        />
      </section>
      <aside className="inspector sim-panel" aria-label={t('sim.title')}>
        <div className="inspector-panel">
          <header className="panel-head">
            <span className="panel-kind">{t('sim.kind')}</span>
            <h2>{t('sim.title')}</h2>
          </header>
          <p className="hint panel-intro">{t('sim.intro')}</p>
          {issues.length > 0 ? (
            <p className="error-text" role="alert">
              {t('sim.fixFirst', { count: issues.length })}
            </p>
          ) : (
            <>
              <SimulationSetup
                entity={entity}
                draft={draft}
                start={start}
                onStart={(next, restart) => {
                  setStart(next);
                  if (restart) setSteps([]);
                }}
              />
              <SimulationData
                draft={draft}
                data={start.data}
                onChange={(data) => setStart({ ...start, data })}
              />
              {sim.error && (
                <p className="error-text" role="alert">
                  {sim.error}
                </p>
              )}
              {last && result?.start.ok && (
                <SimulationControls
                  draft={draft}
                  record={last}
                  steps={steps}
                  onStep={(step) => setSteps([...steps, step])}
                  onBack={() => setSteps(steps.slice(0, -1))}
                  onRestart={() => setSteps([])}
                />
              )}
              {result && <SimulationSteps draft={draft} result={result} running={sim.running} />}
            </>
          )}
        </div>
      </aside>
    </div>
  );
}
