/** `GET /api/records/:entity/:id/related`, typed: what a record points to, what points to it, its record views. */
import { request } from '../api/client.js';
import type { Schemas } from '../api/types.js';

/** A related record in a few words. */
export type RecordSummary = Schemas['RecordSummary'];
export type RelatedRecords = Schemas['RelatedRecords'];
export type OutgoingRef = RelatedRecords['outgoing'][number];
export type IncomingRefs = RelatedRecords['incoming'][number];
export type RecordViewResult = Schemas['RecordViewResult'];
export type ViewColumn = RecordViewResult['columns'][number];
export type ViewCell = RecordViewResult['rows'][number]['cells'][number];

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
