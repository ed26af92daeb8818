/**
 * What an event set off, said on the record page once its automations ran (UX.md: "names
 * what changed and links to what was created"): the records that appeared among its
 * related records since the event ("Đã tạo Hợp đồng «Hạ Long» · Mở"), and whether an
 * automation failed.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Loadable } from '../api/loadable.js';
import { Link } from '../app/Link.js';
import type { Labels } from '../model/pack-types.js';
import { recordName } from './pipeline-model.js';
import type { RecordSummary, RelatedRecords } from './related-api.js';
import type { Automations } from './useRecord.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';

type Found = { record: RecordSummary; entityLabels?: Labels };

function relatedOf(related: RelatedRecords): Found[] {
  const all: Found[] = [
    ...related.outgoing.flatMap((ref) => (ref.record ? [{ record: ref.record, ...(ref.entityLabels ? { entityLabels: ref.entityLabels } : {}) }] : [])),
    ...related.incoming.flatMap((group) => group.items.map((record) => ({ record, ...(group.entityLabels ? { entityLabels: group.entityLabels } : {}) }))),
  ];
  // A record can be both pointed to and pointing here (a lead and its opportunity): once.
  return all.filter((found, i) => all.findIndex((other) => other.record.id === found.record.id) === i);
}

export function HandOffNotice({ related, following, automations }: { related: Loadable<RelatedRecords>; following: boolean; automations: Automations }) {
  const { w, label, formatDay } = useWorkText();
  const baseline = useRef<{ ids: Set<string>; failed: number } | undefined>(undefined);
  const [created, setCreated] = useState<Found[]>([]);
  const [failed, setFailed] = useState(0);
  const current = useMemo(() => (related.status === 'ready' ? relatedOf(related.value) : undefined), [related]);
  // When the page starts following an event, remember what was already related. It is
  // kept until the next event: related records may load again after the automations end.
  const wasFollowing = useRef(false);
  useEffect(() => {
    const starts = following && !wasFollowing.current;
    wasFollowing.current = following;
    if (starts && current) {
      baseline.current = { ids: new Set(current.map((f) => `${f.record.entity}/${f.record.id}`)), failed: automations.failed };
      setCreated([]);
      setFailed(0);
    }
  }, [following, current, automations.failed]);
  // As related records load again, whatever is new was created by what the event set off.
  useEffect(() => {
    const before = baseline.current;
    if (!before || !current) return;
    const fresh = current.filter((f) => !before.ids.has(`${f.record.entity}/${f.record.id}`) && Date.parse(f.record.createdAt) > 0);
    setCreated((was) => {
      const added = fresh.filter((f) => !was.some((x) => x.record.id === f.record.id));
      return added.length > 0 ? [...was, ...added] : was;
    });
    setFailed(Math.max(0, automations.failed - before.failed));
  }, [current, automations.failed]);

  if (created.length === 0 && failed === 0) return null;
  return (
    <div className="handoff" role="status" data-testid="handoff">
      {created.map(({ record, entityLabels }) => (
        <p key={record.id} className="handoff-created">
          {w('handoff.created', { entity: label(entityLabels, record.entity) })}{' '}
          <Link to={workPaths.record(record.entity, record.id)} data-record={record.id}>
            {recordName(record, label(entityLabels, record.entity), formatDay)}
          </Link>
          <span className="stage-badge stage-badge-small">{label(record.stageLabels, record.stage)}</span>
        </p>
      ))}
      {failed > 0 && <p className="handoff-failed">{w('handoff.failed', { count: failed })}</p>}
      <button
        type="button"
        className="handoff-close"
        aria-label={w('handoff.dismiss')}
        onClick={() => {
          setCreated([]);
          setFailed(0);
        }}
      >
        ×
      </button>
    </div>
  );
}
