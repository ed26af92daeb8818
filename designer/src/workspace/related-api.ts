/** `GET /api/records/:entity/:id/related`, typed: what a record points to, what points to it, its record views. */
import { request } from '../api/client.js';
import type { Labels } from '../model/pack-types.js';

/** A related record in a few words. */
export interface RecordSummary {
  id: string;
  entity: string;
  title?: string;
  stage: string;
  stageLabels?: Labels;
  status: 'active' | 'done';
  owner?: string;
  createdAt: string;
  updatedAt: string;
}

export interface OutgoingRef {
  field: string;
  fieldLabels?: Labels;
  entity: string;
  entityLabels?: Labels;
  id: string;
  /** Absent when the id names no record. */
  record?: RecordSummary;
}

export interface IncomingRefs {
  entity: string;
  entityLabels?: Labels;
  field: string;
  fieldLabels?: Labels;
  total: number;
  items: RecordSummary[];
}

export interface ViewColumn {
  path: string;
  labels: Labels;
  field?: { type?: string; format?: string; 'x-widget'?: string; 'x-ref'?: string };
}

export interface ViewCell {
  value?: unknown;
  labels?: Labels;
  ref?: { entity: string; id: string; title?: string };
}

export interface RecordViewResult {
  id: string;
  labels: Labels;
  entity: string;
  entityLabels?: Labels;
  link: string;
  total: number;
  columns: ViewColumn[];
  rows: (RecordSummary & { cells: ViewCell[] })[];
  fields: { field: string; labels: Labels; value?: unknown }[];
}

export interface RelatedRecords {
  entity: string;
  id: string;
  outgoing: OutgoingRef[];
  incoming: IncomingRefs[];
  views: RecordViewResult[];
}

/** How many records of each group the page asks for. */
export const RELATED_LIMIT = 10;

export const relatedApi = {
  get: (entity: string, id: string, signal?: AbortSignal) =>
    request<RelatedRecords>(
      'GET',
      `/api/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/related?limit=${RELATED_LIMIT}`,
      undefined,
      signal,
    ),
};
