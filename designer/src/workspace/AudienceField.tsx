/**
 * Who a campaign goes to (`x-widget: audience` on an object field): a kind of record
 * (customers, contacts, targets, leads) and one of the user's saved segments of it. The
 * field keeps the segment's name, the filter it stands for (the list's own conditions,
 * turned into the query the list would run) and how many people it selects today, so the
 * engine freezes exactly that audience when the campaign is sent. Keyboard: two selects.
 */
import type { FieldProps } from '@rjsf/utils';
import { useEffect, useId, useMemo, useState } from 'react';
import { useSession } from '../app/useSession.js';
import { BUSINESS_TIME_ZONE } from '../i18n/format.js';
import type { EntitySchema, Labels } from '../model/pack-types.js';
import { listFilter } from './list-filter.js';
import { listFields, titleField } from './pipeline-model.js';
import { readSavedControls } from './saved-controls.js';
import { segmentsApi, type Segment } from './segments-api.js';
import { useWorkText } from './useWorkText.js';
import { workspaceApi } from './workspace-api.js';

interface Audience {
  entity?: string;
  segment?: string;
  filter?: Record<string, unknown>;
  size?: number;
  description?: string;
}

type Json = Record<string, unknown>;

export function AudienceField({ formData, onChange: change, schema, disabled, readonly, fieldPathId }: FieldProps<Audience>) {
  const onChange = (next: Audience) => change(next, fieldPathId.path);
  const { w, label, formatNumber } = useWorkText();
  const current = useSession();
  const me = current.status === 'signed-in' ? current.user.id : undefined;
  const audience: Audience = formData ?? {};
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const entityField = properties.entity ?? {};
  const entities = (Array.isArray(entityField.enum) ? entityField.enum : []) as string[];
  const entityLabels = (entityField['x-enumLabels'] ?? {}) as Record<string, Labels>;
  const entity = audience.entity ?? entities[0];
  const [segments, setSegments] = useState<Segment[] | undefined>();
  const [entitySchema, setEntitySchema] = useState<EntitySchema | undefined>();
  const [counting, setCounting] = useState(false);
  const id = useId();
  const inactive = Boolean(disabled || readonly);

  useEffect(() => {
    if (!entity) return;
    const controller = new AbortController();
    setSegments(undefined);
    segmentsApi.list(entity, controller.signal).then((r) => setSegments(r.items), () => setSegments([]));
    workspaceApi.definition(entity, controller.signal).then((d) => setEntitySchema(d.schema), () => undefined);
    return () => controller.abort();
  }, [entity]);

  const fields = useMemo(() => (entitySchema ? listFields(entitySchema).filter((f) => (f.schema as { type?: unknown }).type !== 'object') : []), [entitySchema]);

  const choose = (name: string) => {
    const segment = segments?.find((s) => s.name === name);
    if (!segment || !entity || !entitySchema) {
      onChange({ ...audience, entity, segment: undefined, filter: undefined, size: undefined });
      return;
    }
    const controls = readSavedControls(segment.controls, fields);
    const filter = listFilter(controls, fields, titleField(entitySchema) ?? 'title', { now: new Date(), timeZone: BUSINESS_TIME_ZONE, me });
    onChange({ ...audience, entity, segment: name, filter, size: undefined });
    setCounting(true);
    workspaceApi.list(entity, { filter, limit: 1, skip: 0 }).then(
      (page) => onChange({ ...audience, entity, segment: name, filter, size: page.total }),
      () => undefined,
    ).finally(() => setCounting(false));
  };

  const entityName = (value: string) => label(entityLabels[value], value);
  if (inactive) {
    return (
      <div className="audience-field audience-text" id={fieldPathId.$id}>
        <span className="field-label">{label((schema as { 'x-labels'?: Labels })['x-labels'], w('audience.title'))}</span>
        <p>
          {audience.segment
            ? w('audience.summary', { segment: audience.segment, entity: entityName(audience.entity ?? ''), size: audience.size === undefined ? '…' : formatNumber(audience.size) })
            : <span className="muted">—</span>}
        </p>
      </div>
    );
  }
  return (
    <fieldset className="audience-field" id={fieldPathId.$id}>
      <legend>{label((schema as { 'x-labels'?: Labels })['x-labels'], w('audience.title'))}</legend>
      <div className="audience-row">
        <label htmlFor={`${id}-entity`}>
          {label((entityField['x-labels'] ?? undefined), w('audience.entity'))}
          <select id={`${id}-entity`} value={entity ?? ''} onChange={(e) => onChange({ entity: e.target.value })}>
            {entities.map((value) => (
              <option key={value} value={value}>
                {entityName(value)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-segment`}>
          {w('audience.segment')}
          <select id={`${id}-segment`} value={audience.segment ?? ''} onChange={(e) => choose(e.target.value)} disabled={!segments || segments.length === 0}>
            <option value="">{segments === undefined ? w('audience.loading') : segments.length === 0 ? w('audience.noSegments') : w('audience.choose')}</option>
            {segments?.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted audience-size" aria-live="polite">
        {counting
          ? w('audience.counting')
          : audience.segment && audience.size !== undefined
            ? w('audience.size', { size: formatNumber(audience.size) })
            : segments && segments.length === 0
              ? w('audience.howTo')
              : ''}
      </p>
    </fieldset>
  );
}
