/** Drafts and migrations of live records (admins): engine/api/routes-definition-changes.ts. */
import type { Draft } from '../model/draft.js';
import { request } from './client.js';
import type { RequestBody, Schemas } from './types.js';

/** A stored draft, its schema and machine as the designer's model reads them. */
export type DefinitionDraft = Omit<Schemas['DefinitionDraft'], 'schema' | 'machine'> & Draft;

export type DraftSummary = Schemas['DefinitionDraftSummary'];

export type MigrationPreview = Schemas['MigrationPreview'];
export type RecordMigrationPreview = MigrationPreview['records'][number];
export type MigrationProblem = RecordMigrationPreview['problems'][number];
export type TimerBrief = RecordMigrationPreview['planned'][number];

export type MigrationRequest = RequestBody<'startMigration'>;

export type MigrationJob = Schemas['MigrationJob'];

const at = (entity: string) => `/api/definitions/${encodeURIComponent(entity)}`;

export const changesApi = {
  /** Every draft, without bodies. */
  listDrafts: () => request<DraftSummary[]>('GET', '/api/definition-drafts'),
  /** The entity's draft, or undefined when there is none (204). */
  getDraft: (entity: string) => request<DefinitionDraft | undefined>('GET', `${at(entity)}/draft`),
  saveDraft: (entity: string, draft: Draft, baseVersion: number, version?: number) =>
    request<DefinitionDraft>('PUT', `${at(entity)}/draft`, { ...draft, baseVersion, ...(version ? { version } : {}) }),
  discardDraft: (entity: string, version: number) =>
    request<void>('DELETE', `${at(entity)}/draft?version=${version}`),
  previewMigration: (entity: string, body: MigrationRequest, signal?: AbortSignal) =>
    request<MigrationPreview>('POST', `${at(entity)}/migrations/preview`, body, signal),
  startMigration: (entity: string, body: MigrationRequest) =>
    request<MigrationJob>('POST', `${at(entity)}/migrations`, body),
  migration: (entity: string, id: string) => request<MigrationJob>('GET', `${at(entity)}/migrations/${encodeURIComponent(id)}`),
};
