/**
 * The record page's "Related records" panel: the records this one points to through its
 * reference fields, then the records pointing at it grouped by entity, with counts and
 * a link to each, so a chain (account → opportunity → quote → contract → …) can be walked.
 */
import type { Loadable } from '../api/loadable.js';
import { Link } from '../app/Link.js';
import type { Labels } from '../model/pack-types.js';
import { recordName } from './pipeline-model.js';
import type { IncomingRefs, RecordSummary, RelatedRecords as Related } from './related-api.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';
import './related.css';

/** A link to a related record: its title (or entity and short id) and its stage. */
export function RelatedLink({ record, entityLabels }: { record: RecordSummary; entityLabels?: Labels }) {
  const { label, formatDay } = useWorkText();
  const name = recordName(record, label(entityLabels, record.entity), formatDay);
  return (
    <span className="related-item">
      <Link to={workPaths.record(record.entity, record.id)} className="related-link" data-record={record.id} data-entity={record.entity}>
        {name}
      </Link>
      <span className={`stage-badge stage-badge-small${record.status === 'done' ? ' stage-badge-done' : ''}`}>
        {label(record.stageLabels, record.stage)}
      </span>
    </span>
  );
}

/** The groups pointing here, by entity in the order they came, without the empty ones. */
function byEntity(incoming: IncomingRefs[]): [string, IncomingRefs[]][] {
  const groups = new Map<string, IncomingRefs[]>();
  for (const group of incoming) {
    if (group.total === 0) continue;
    groups.set(group.entity, [...(groups.get(group.entity) ?? []), group]);
  }
  return [...groups];
}

function RelatedBody({ related }: { related: Related }) {
  const { w, label } = useWorkText();
  const entities = byEntity(related.incoming);
  if (related.outgoing.length === 0 && entities.length === 0) return <p className="muted related-empty">{w('related.empty')}</p>;
  return (
    <>
      {related.outgoing.length > 0 && (
        <div className="related-group" data-testid="related-outgoing">
          <h3>{w('related.pointsTo')}</h3>
          <ul className="related-list">
            {related.outgoing.map((ref) => (
              <li key={`${ref.field}:${ref.id}`} data-field={ref.field}>
                <span className="related-field">{label(ref.fieldLabels, ref.field)}</span>
                {ref.record ? (
                  <RelatedLink record={ref.record} entityLabels={ref.entityLabels} />
                ) : (
                  <span className="muted">{w('related.missing', { entity: label(ref.entityLabels, ref.entity) })}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {entities.map(([entity, groups]) => (
        <div key={entity} className="related-group" data-entity={entity}>
          <h3>
            {label(groups[0]?.entityLabels, entity)}{' '}
            <span className="count" aria-label={w('related.count', { count: groups.reduce((n, g) => n + g.total, 0) })}>
              {groups.reduce((n, g) => n + g.total, 0)}
            </span>
          </h3>
          {groups.map((group) => (
            <ul key={group.field} className="related-list" data-field={group.field}>
              {groups.length > 1 && <li className="related-via muted">{w('related.via', { field: label(group.fieldLabels, group.field) })}</li>}
              {group.items.map((item) => (
                <li key={item.id}>
                  <RelatedLink record={item} entityLabels={group.entityLabels} />
                </li>
              ))}
              {group.total > group.items.length && (
                <li className="muted related-more">{w('related.more', { count: group.total - group.items.length })}</li>
              )}
            </ul>
          ))}
        </div>
      ))}
    </>
  );
}

export function RelatedRecords({ related }: { related: Loadable<Related> }) {
  const { w, t } = useWorkText();
  return (
    <section className="panel related-panel" aria-label={w('related.title')} data-testid="related-records">
      <h2>{w('related.title')}</h2>
      {related.status === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {related.status === 'error' && <p role="alert">{t('common.loadFailed', { message: related.message })}</p>}
      {related.status === 'ready' && <RelatedBody related={related.value} />}
    </section>
  );
}
