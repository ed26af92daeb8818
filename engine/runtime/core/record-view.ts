/** Turn a stored record into what the API returns. */
import type { Registry } from '../../plugins/registry.js';
import { allowedEvents } from './allowed-events.js';
import type { CompiledDefinition } from './compiled-definition.js';
import type { RecordDoc, RecordView } from './record.js';
import { recordTitle } from './record-summary.js';

export function recordFacts(doc: RecordDoc) {
  return {
    id: doc._id,
    entity: doc.entity,
    stage: doc.stage,
    owner: doc.owner,
    handler: doc.handler,
    activitiesDone: doc.activitiesDone,
    stateValue: doc.state,
    data: doc.data,
  };
}

function titleOf(schema: unknown, data: RecordView['data']): { title?: string } {
  const title = recordTitle(schema, data);
  return title === undefined ? {} : { title };
}

export function toRecordView(doc: RecordDoc, compiled: CompiledDefinition, registry: Registry): RecordView {
  return {
    id: doc._id,
    entity: doc.entity,
    definitionVersion: doc.definitionVersion,
    state: doc.stage,
    stateValue: doc.state,
    status: doc.status,
    data: doc.data,
    ...titleOf(compiled.definition.schema, doc.data),
    activitiesDone: doc.activitiesDone,
    owner: doc.owner,
    handler: doc.handler,
    version: doc.version,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    stageEnteredAt: doc.stageEnteredAt ?? doc.createdAt,
    allowedEvents: doc.status === 'done' ? [] : allowedEvents(compiled, registry, recordFacts(doc)),
  };
}
