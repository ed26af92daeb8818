/** The engine's routes the designer uses, typed. */
import type { Draft } from '../model/draft.js';
import type { EntitySchema, MachineConfig } from '../model/pack-types.js';
import { request } from './client.js';
import type { RequestBody, ResponseBody, Schemas } from './types.js';

export type DefinitionListItem = Schemas['DefinitionSummary'];

/** A definition in full, its schema and machine as the designer's model reads them (no hash yet for one made from a draft). */
export type Definition = Omit<Schemas['Definition'], 'schema' | 'machine' | 'hash'> & { schema: EntitySchema; machine: MachineConfig; hash?: string };

export type VersionSummary = Schemas['DefinitionVersion'];

/** Records per stage (the entity they are of is known to whoever asked). */
export type StageCounts = Omit<ResponseBody<'stageCounts'>, 'entity'>;

export type RegistryEntry = Schemas['RegistryEntry'];

export type AllowedEvent = Schemas['AllowedEvent'];

/** A record of any entity as the API answers. */
export type RecordView = Schemas['AnyRecord'];

export type SimulationStep = Schemas['SimulationStep'];

export type SimulatedRecord = Schemas['SimulatedRecord'];

export type SimulatedStep = Schemas['SimulatedStep'];

export type SimulationResult = Schemas['SimulationResult'];

/** What a run starts from; the candidate schema and machine are the draft's. */
export type SimulationRequest = Omit<RequestBody<'simulateDefinition'>, 'schema' | 'machine'>;

const at = (entity: string) => `/api/definitions/${encodeURIComponent(entity)}`;

export const designerApi = {
  listDefinitions: () => request<DefinitionListItem[]>('GET', '/api/definitions'),
  getDefinition: (entity: string, version?: number) =>
    request<Definition>('GET', version === undefined ? at(entity) : `${at(entity)}?version=${version}`),
  validate: (entity: string, draft: Draft, signal?: AbortSignal) =>
    request<ResponseBody<'validateDefinition'>>('POST', `${at(entity)}/validate`, draft, signal),
  /** `baseVersion`: the version the draft was made on; another saved since is a 409 `version-conflict`. */
  save: (entity: string, draft: Draft, summary: string, baseVersion: number) =>
    request<Definition>('PUT', at(entity), { ...draft, summary, baseVersion }),
  history: (entity: string) => request<VersionSummary[]>('GET', `${at(entity)}/history`),
  stageCounts: (entity: string) => request<StageCounts>('GET', `${at(entity)}/stage-counts`),
  simulate: (entity: string, draft: Draft, input: SimulationRequest, signal?: AbortSignal) =>
    request<SimulationResult>('POST', `${at(entity)}/simulate`, { ...draft, ...input }, signal),
  guards: () => request<RegistryEntry[]>('GET', '/api/guards'),
  actions: () => request<RegistryEntry[]>('GET', '/api/actions'),
  records: (entity: string, limit = 50) =>
    request<Schemas['RecordPage']>(
      'GET',
      `/api/records/${encodeURIComponent(entity)}?limit=${limit}`,
    ),
};
