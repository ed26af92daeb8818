/** Where a simulation starts: a stage with sample data (see SimulationData), or a copy of a real record. */
import { useEffect, useState } from 'react';
import { designerApi, type RecordView, type SimulationRequest } from '../../api/designer-api.js';
import { useI18n } from '../../i18n/useI18n.js';
import { stageAt, statePath, type Draft } from '../../model/draft.js';
import { useStageNames } from '../useStageNames.js';

/** A run's start: the request without its steps. */
export type SimulationStart = Omit<SimulationRequest, 'events'>;

export interface SimulationSetupProps {
  entity: string;
  draft: Draft;
  start: SimulationStart;
  /** `restart` drops the steps taken so far (a new start). */
  onStart: (start: SimulationStart, restart: boolean) => void;
}

function recordTitle(record: RecordView): string {
  const text = Object.values(record.data).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return text ?? record.id.slice(0, 8);
}

export function SimulationSetup({ entity, draft, start, onStart }: SimulationSetupProps) {
  const { t, label } = useI18n();
  const names = useStageNames(draft);
  const [mode, setMode] = useState<'sample' | 'record'>('sample');
  const [records, setRecords] = useState<RecordView[]>();
  const [recordId, setRecordId] = useState('');

  useEffect(() => {
    if (mode !== 'record' || records) return;
    designerApi.records(entity).then(
      (list) => setRecords(list.items),
      () => setRecords([]),
    );
  }, [mode, records, entity]);

  const pickRecord = (id: string) => {
    setRecordId(id);
    const record = records?.find((r) => r.id === id);
    if (record)
      onStart(
        {
          data: structuredClone(record.data),
          stateValue: record.stateValue,
          activitiesDone: record.activitiesDone,
        },
        true,
      );
  };
  const stage = statePath(start.stateValue);

  return (
    <section className="panel-section">
      <h3>{t('sim.start')}</h3>
      <div className="segmented" role="radiogroup" aria-label={t('sim.start')}>
        {(['sample', 'record'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={mode === m}
            className={mode === m ? 'active' : ''}
            onClick={() => setMode(m)}
          >
            {m === 'sample' ? t('sim.sampleData') : t('sim.copyRecord')}
          </button>
        ))}
      </div>
      {mode === 'record' && (
        <div className="form-field">
          <label htmlFor="sim-record">{t('sim.record')}</label>
          <select id="sim-record" value={recordId} onChange={(e) => pickRecord(e.target.value)}>
            <option value="">
              {records === undefined
                ? t('common.loading')
                : records.length === 0
                  ? t('sim.noRecords')
                  : t('form.choose')}
            </option>
            {(records ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {recordTitle(r)} · {label(stageAt(draft, r.state)?.meta.labels, r.state)} ·{' '}
                {t('common.versionShort', { version: r.definitionVersion })}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="form-field">
        <label htmlFor="sim-stage">{t('sim.startStage')}</label>
        <select
          id="sim-stage"
          value={stage}
          onChange={(e) =>
            onStart({ ...start, stateValue: e.target.value || undefined, activitiesDone: [] }, true)
          }
        >
          <option value="">{t('sim.created')}</option>
          {names.choices
            .filter((c) => !c.stage.compound)
            .map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
        </select>
      </div>
    </section>
  );
}
