/** The simulated record's starting data, in a form generated from the entity schema. */
import { useI18n } from '../../i18n/useI18n.js';
import type { Draft } from '../../model/draft.js';
import { SchemaForm } from '../forms/SchemaForm.js';
import { useFormContext } from '../inspector/useFormContext.js';

export interface SimulationDataProps {
  draft: Draft;
  data: Record<string, unknown>;
  /** The steps are replayed on the new data. */
  onChange: (data: Record<string, unknown>) => void;
}

export function SimulationData({ draft, data, onChange }: SimulationDataProps) {
  const { t } = useI18n();
  const context = useFormContext(draft);
  return (
    <section className="panel-section">
      <details className="sim-data">
        <summary>
          {t('sim.data')}{' '}
          <span className="muted">({t('sim.dataFilled', { count: Object.keys(data).length })})</span>
        </summary>
        <SchemaForm
          schema={draft.schema}
          value={data}
          onChange={onChange}
          context={context}
          idPrefix="sim-data"
        />
      </details>
    </section>
  );
}
