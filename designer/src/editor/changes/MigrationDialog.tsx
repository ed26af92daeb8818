/**
 * Moving live records to the latest version (DESIGN.md decision 12): a stage mapping (same
 * stage by default; removed stages must be mapped), values for fields the new version
 * requires, a preview record by record, then the background job with its progress.
 */
import { useEffect, useMemo, useState } from 'react';
import { changesApi, type MigrationJob, type MigrationPreview, type RecordMigrationPreview, type TimerBrief } from '../../api/changes-api.js';
import { designerApi, type Definition } from '../../api/designer-api.js';
import { messageOf } from '../../api/loadable.js';
import type { FieldSchema, Labels, MachineConfig } from '../../model/pack-types.js';
import { Dialog } from '../../ui/Dialog.js';
import { listLeafStages, reminderMessage, stageTitle, type Stage } from '../../workspace/pipeline-model.js';
import { useChangesText } from './useChangesText.js';

export interface MigrationDialogProps {
  definition: Definition;
  onClose: () => void;
  /** Records moved: counts and boards are stale. */
  onMoved: () => void;
}

type Fill = Record<string, string>;

export function MigrationDialog({ definition, onClose, onMoved }: MigrationDialogProps) {
  const { c, label, formatDate } = useChangesText();
  const entity = definition.entity;
  const [mapping, setMapping] = useState<Record<string, string>>();
  const [fill, setFill] = useState<Fill>({});
  const [preview, setPreview] = useState<MigrationPreview>();
  const [oldStages, setOldStages] = useState(new Map<number, Stage[]>());
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<MigrationJob>();
  const [error, setError] = useState<string>();
  const stages = useMemo(() => listLeafStages(definition.machine), [definition.machine]);
  const properties = (definition.schema.properties ?? {}) as Record<string, FieldSchema>;

  const request = (m: Record<string, string>, f: Fill) => ({
    mapping: Object.fromEntries(Object.entries(m).filter(([, to]) => to !== '')),
    ...(Object.values(f).some((v) => v.trim() !== '') ? { fill: typedFill(f, properties) } : {}),
  });

  const run = (m: Record<string, string>, f: Fill) => {
    setBusy(true);
    setError(undefined);
    changesApi.previewMigration(entity, request(m, f)).then(
      (result) => {
        setPreview(result);
        setBusy(false);
      },
      (e: unknown) => {
        setError(messageOf(e));
        setBusy(false);
      },
    );
  };

  // First look: every old stage, mapped to the same stage when the new version has it.
  useEffect(() => {
    changesApi.previewMigration(entity, { mapping: {} }).then(
      async (first) => {
        setPreview(first);
        setMapping(Object.fromEntries(first.groups.map((g) => [g.fromStage, g.toStage ?? ''])));
        const versions = [...new Set(first.groups.map((g) => g.fromVersion))];
        const olds = await Promise.all(versions.map((v) => designerApi.getDefinition(entity, v)));
        setOldStages(new Map(olds.map((d) => [d.version, listLeafStages(d.machine)])));
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [entity]);

  // While the job runs, its progress.
  useEffect(() => {
    if (job?.status !== 'running') return;
    const timer = setTimeout(() => {
      changesApi.migration(entity, job._id).then(
        (next) => {
          setJob(next);
          if (next.status === 'done') onMoved();
        },
        (e: unknown) => setError(messageOf(e)),
      );
    }, 400);
    return () => clearTimeout(timer);
  }, [entity, job, onMoved]);

  const missingFields = [...new Set((preview?.records ?? []).flatMap((r) => (r.problems.some((p) => p.code === 'invalid-data') ? r.missingFields : [])))];
  const fillFields = [...new Set([...Object.keys(fill), ...missingFields])];
  const oldStage = (version: number | undefined, path: string) => {
    const lists = version === undefined ? [...oldStages.values()] : [oldStages.get(version) ?? []];
    return stageTitle(lists.flat().find((s) => s.path === path), label, path);
  };
  const newStage = (path?: string) => (path ? stageTitle(stages.find((s) => s.path === path), label, path) : '—');
  const fieldName = (key: string) => label((properties[key] as { 'x-labels'?: Labels } | undefined)?.['x-labels'], key);
  const start = () => {
    if (!preview || !mapping) return;
    setBusy(true);
    changesApi.startMigration(entity, request(mapping, fill)).then(setJob, (e: unknown) => {
      setError(messageOf(e));
      setBusy(false);
    });
  };

  if (job) {
    const percent = job.total === 0 ? 100 : Math.round((job.processed / job.total) * 100);
    return (
      <Dialog title={c('migrate.title', { version: definition.version })} onCancel={onClose} wide>
        <div className="migration" data-status={job.status}>
          <progress max={100} value={percent} aria-label={c('migrate.running', { done: job.processed, total: job.total })} />
          <p role="status">
            {job.status === 'running' ? c('migrate.running', { done: job.processed, total: job.total }) : c('migrate.done', { moved: job.moved, skipped: job.skipped })}
          </p>
          {job.problems.length > 0 && (
            <>
              <h3>{c('migrate.left')}</h3>
              <ul className="migration-problems">
                {job.problems.map((p) => (
                  <li key={p.id}>
                    <strong>{p.title ?? p.id}</strong> — {oldStage(undefined, p.fromStage)}: {p.code === 'changed-meanwhile' ? c('migrate.changed') : p.code === 'unmapped-stage' ? c('migrate.unmapped', { stage: p.fromStage }) : c('migrate.invalidOther')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      title={c('migrate.title', { version: definition.version })}
      onCancel={onClose}
      onConfirm={preview && preview.movable > 0 && !busy ? start : undefined}
      confirmLabel={c('migrate.run', { count: preview?.movable ?? 0 })}
      confirmDisabled={busy || !preview || preview.movable === 0}
      wide
    >
      <div className="migration">
        <p className="hint">{c('migrate.intro')}</p>
        {error && <p className="error-text" role="alert">{error}</p>}
        {!mapping && !error && <p className="muted">{c('migrate.previewing')}</p>}
        {mapping && preview && (
          <table className="fields-table migration-mapping">
            <thead>
              <tr>
                <th>{c('migrate.from')}</th>
                <th>{c('migrate.count')}</th>
                <th>{c('migrate.to')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.groups.map((g) => {
                const removed = !stages.some((s) => s.path === g.fromStage);
                return (
                  <tr key={`${g.fromVersion} ${g.fromStage}`} data-from={g.fromStage}>
                    <td>
                      {oldStage(g.fromVersion, g.fromStage)} <span className="muted">v{g.fromVersion}</span>
                    </td>
                    <td>{g.count}</td>
                    <td>
                      <select
                        aria-label={`${c('migrate.to')}: ${oldStage(g.fromVersion, g.fromStage)}`}
                        value={mapping[g.fromStage] ?? ''}
                        aria-invalid={removed && !mapping[g.fromStage]}
                        onChange={(e) => setMapping({ ...mapping, [g.fromStage]: e.target.value })}
                      >
                        <option value="">{c('migrate.choose')}</option>
                        {stages.filter((s) => !s.final).map((s) => (
                          <option key={s.path} value={s.path}>
                            {stageTitle(s, label, s.path)}
                          </option>
                        ))}
                      </select>
                      {removed && !mapping[g.fromStage] && <div className="hint error-text">{c('migrate.removed', { version: definition.version })}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {fillFields.map((key) => (
          <label key={key} className="form-field">
            <span>{c('migrate.fill', { field: fieldName(key) })}</span>
            <FillInput field={properties[key]} value={fill[key] ?? ''} onChange={(value) => setFill({ ...fill, [key]: value })} />
            <span className="hint">{c('migrate.fillHint', { version: definition.version })}</span>
          </label>
        ))}
        {mapping && (
          <p>
            <button type="button" className="btn" disabled={busy} onClick={() => run(mapping, fill)}>
              {busy ? c('migrate.previewing') : c('migrate.preview')}
            </button>
          </p>
        )}
        {preview && mapping && (
          <>
            <p role="status" className="migration-summary">
              {c('migrate.summary', { movable: preview.movable, total: preview.total, blocked: preview.blocked })}
            </p>
            <div className="table-wrap">
              <table className="fields-table migration-records">
                <thead>
                  <tr>
                    <th>{c('migrate.record')}</th>
                    <th>{c('migrate.move')}</th>
                    <th>{c('migrate.missing')}</th>
                    <th>{c('migrate.timers')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.records.map((r) => (
                    <tr key={r.id} className={r.problems.length > 0 ? 'has-issues' : undefined} data-record={r.id}>
                      <td>{r.title ?? r.id}</td>
                      <td>
                        {oldStage(r.fromVersion, r.fromStage)} → {newStage(r.toStage)}
                        {r.problems.length > 0 && <div className="error-text">{c('migrate.cannot')}: {problemText(r, c, fieldName)}</div>}
                      </td>
                      <td>{r.problems.length > 0 ? '—' : r.missingFields.map(fieldName).join(', ') || c('migrate.none')}</td>
                      <td>
                        <TimerList timers={r.planned} machine={definition.machine} formatDate={formatDate} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {preview.total > preview.records.length && <p className="muted">{c('migrate.more', { count: preview.total - preview.records.length })}</p>}
          </>
        )}
      </div>
    </Dialog>
  );
}

function problemText(r: RecordMigrationPreview, c: ReturnType<typeof useChangesText>['c'], fieldName: (key: string) => string): string {
  const problem = r.problems[0];
  if (!problem) return '';
  if (problem.code === 'unmapped-stage') return c('migrate.unmapped', { stage: problem.stage ?? r.fromStage });
  if (problem.code === 'invalid-data' && r.missingFields.length > 0) return c('migrate.invalid', { fields: r.missingFields.map(fieldName).join(', ') });
  return c('migrate.invalidOther');
}

function TimerList({ timers, machine, formatDate }: { timers: TimerBrief[]; machine: MachineConfig; formatDate: (iso: string) => string }) {
  const { c, label } = useChangesText();
  if (timers.length === 0) return <span className="muted">{c('migrate.none')}</span>;
  const soon = Date.now() + 5000;
  return (
    <ul className="migration-timers">
      {timers.map((timer) => {
        const message = timer.kind === 'reminder' ? reminderMessage(machine, timer.stage, timer.id) : undefined;
        const name = timer.kind === 'delay' ? c('migrate.automatic') : message ? label(message) : timer.id;
        return (
          <li key={`${timer.kind}:${timer.stage}:${timer.id}`}>
            {name} · {Date.parse(timer.dueAt) <= soon ? c('migrate.dueNow') : formatDate(timer.dueAt)}
          </li>
        );
      })}
    </ul>
  );
}

function FillInput({ field, value, onChange }: { field: FieldSchema | undefined; value: string; onChange: (value: string) => void }) {
  const { label } = useChangesText();
  const schema = (field ?? {}) as { type?: string; enum?: unknown[]; format?: string; 'x-enumLabels'?: Record<string, Labels> };
  if (schema.enum) {
    return (
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="" />
        {schema.enum.map((v) => (
          <option key={String(v)} value={String(v)}>
            {label(schema['x-enumLabels']?.[String(v)], String(v))}
          </option>
        ))}
      </select>
    );
  }
  const type = schema.type === 'number' || schema.type === 'integer' ? 'number' : schema.format === 'date' ? 'date' : 'text';
  return <input type={type} value={value} onChange={(e) => onChange(e.target.value)} />;
}

/** Typed values for the fields' schema types (numbers as numbers, booleans as booleans). */
function typedFill(fill: Fill, properties: Record<string, FieldSchema>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(fill)) {
    if (raw.trim() === '') continue;
    const type = (properties[key] as { type?: string } | undefined)?.type;
    out[key] = type === 'number' || type === 'integer' ? Number(raw) : type === 'boolean' ? raw === 'true' : raw;
  }
  return out;
}
