/** The run so far: the start, then one card per step, newest last. */
import { useEffect, useRef } from 'react';
import type { SimulationResult } from '../../api/designer-api.js';
import { useI18n } from '../../i18n/useI18n.js';
import type { Draft } from '../../model/draft.js';
import { SimulationStepCard } from './SimulationStepCard.js';

export function SimulationSteps({
  draft,
  result,
  running,
}: {
  draft: Draft;
  result: SimulationResult;
  running: boolean;
}) {
  const { t } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  // The newest step is what the admin just did: keep it in view.
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [result.steps.length]);
  return (
    <section className="panel-section" aria-busy={running}>
      <h3>
        {t('sim.steps')} <span className="count">{result.steps.length}</span>
      </h3>
      <ol className="sim-steps" ref={list}>
        <li>
          <SimulationStepCard
            draft={draft}
            index={0}
            step={{ ...result.start, step: undefined, from: undefined }}
          />
        </li>
        {result.steps.map((step, i) => (
          <li key={i}>
            <SimulationStepCard draft={draft} index={i + 1} step={step} />
          </li>
        ))}
      </ol>
    </section>
  );
}
