/** Drafts and migrations of live records (admins): engine/api/routes-definition-changes.ts. */
import type { Draft } from '../model/draft.js';
import { request } from './client.js';

export interface DefinitionDraft extends Draft {
  entity: string;
  baseVersion: number;
  version: number;
  savedAt: string;
  savedBy: string;
}

export interface TimerBrief {
  kind: 'delay' | 'reminder';
  stage: string;
  id: string;
  dueAt: string;
}

export interface MigrationProblem {
  code: 'unmapped-stage' | 'unknown-stage' | 'invalid-data' | 'changed-meanwhile';
  message: string;
  stage?: string;
}

export interface RecordMigrationPreview {
  id: string;
  title?: string;
  fromVersion: number;
  fromStage: string;
  toStage?: string;
  missingFields: string[];
  filled: string[];
  problems: MigrationProblem[];
  cancelled: TimerBrief[];
  planned: TimerBrief[];
}

export interface MigrationPreview {
  entity: string;
  toVersion: number;
  total: number;
  movable: number;
  blocked: number;
  groups: { fromVersion: number; fromStage: string; toStage?: string; count: number; movable: number }[];
  records: RecordMigrationPreview[];
}

export interface MigrationRequest {
  mapping: Record<string, string>;
  fill?: Record<string, unknown>;
  ids?: string[];
}

export interface MigrationJob {
  _id: string;
  entity: string;
  toVersion: number;
  status: 'running' | 'done';
  total: number;
  processed: number;
  moved: number;
  skipped: number;
  problems: (MigrationProblem & { id: string; title?: string; fromStage: string })[];
  startedAt: string;
  startedBy: string;
  finishedAt?: string;
}

const at = (entity: string) => `/api/definitions/${encodeURIComponent(entity)}`;

export const changesApi = {
  /** Every draft, without bodies. */
  listDrafts: () => request<Omit<DefinitionDraft, 'schema' | 'machine'>[]>('GET', '/api/definition-drafts'),
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
