/**
 * Drafts of definitions (DESIGN.md decision 12): an admin keeps work on a pipeline over
 * several days without staff seeing it, then publishes it as a version. One draft per
 * entity (collection `definition-drafts`, `_id` the entity); it names the published version
 * it was started from, and its own `version` guards concurrent saves of the draft itself.
 * A draft need not be valid: it is checked when published. Publishing (./definition-repository.ts
 * `save`) deletes it in the same commit as the new version.
 */
import { DuplicateKeyError, UserError, VersionConflictError } from '../errors.js';
import type { Store, StoredDoc } from '../store/store.js';
import type { EntitySchema, MachineConfig } from './definition.js';
import { DEFINITION_DRAFTS } from '../collections.js';

export interface DefinitionDraft {
  entity: string;
  schema: EntitySchema;
  machine: MachineConfig;
  /** The published version the draft was started from (0: a new entity). */
  baseVersion: number;
  /** Bumped by every save of the draft. */
  version: number;
  savedAt: string;
  savedBy: string;
}

export interface DraftSaveInput {
  schema: EntitySchema;
  machine: MachineConfig;
  baseVersion: number;
  /** The draft version this save replaces; undefined: there must be no draft yet. */
  version?: number;
}

type DraftDoc = StoredDoc & DefinitionDraft;

export class DefinitionDrafts {
  constructor(private readonly store: Store) {}

  async get(entity: string): Promise<DefinitionDraft | undefined> {
    const doc = await this.store.get<DraftDoc>(DEFINITION_DRAFTS, entity);
    if (!doc) return undefined;
    const { _id, ...draft } = doc;
    return draft;
  }

  /** Every draft, without bodies, by entity. */
  async list(): Promise<Omit<DefinitionDraft, 'schema' | 'machine'>[]> {
    const docs = await this.store.find<DraftDoc>(DEFINITION_DRAFTS, {}, { sort: { _id: 1 } });
    return docs.map(({ _id, schema: _schema, machine: _machine, ...rest }) => rest);
  }

  /**
   * Keep the draft. A save that names a draft version other than the stored one (or none
   * when one exists) is a `version-conflict`: another admin saved the draft meanwhile.
   */
  async save(entity: string, input: DraftSaveInput, actor: string): Promise<DefinitionDraft> {
    const current = await this.get(entity);
    if (current?.version !== input.version) {
      if (current) throw draftConflict(entity, input.version, current);
      throw new VersionConflictError(DEFINITION_DRAFTS, entity, input.version ?? 0, undefined);
    }
    const draft: DefinitionDraft = {
      entity,
      schema: input.schema,
      machine: input.machine,
      baseVersion: input.baseVersion,
      version: (current?.version ?? 0) + 1,
      savedAt: new Date().toISOString(),
      savedBy: actor,
    };
    const doc = structuredClone({ _id: entity, ...draft });
    await this.store.commit([current ? { op: 'put', collection: DEFINITION_DRAFTS, doc, expectVersion: current.version } : { op: 'insert', collection: DEFINITION_DRAFTS, doc }]).catch((error: unknown) => {
      throw error instanceof VersionConflictError || error instanceof DuplicateKeyError ? draftConflict(entity, input.version, current) : error;
    });
    return draft;
  }

  /** Throw the draft away (the published versions stay as they are). */
  async discard(entity: string, version: number): Promise<void> {
    const current = await this.get(entity);
    if (!current) return;
    if (current.version !== version) throw draftConflict(entity, version, current);
    await this.store.commit([{ op: 'delete', collection: DEFINITION_DRAFTS, id: entity, expectVersion: version }]);
  }
}

function draftConflict(entity: string, expected: number | undefined, current: DefinitionDraft | undefined): UserError {
  return new UserError('version-conflict', `The draft of "${entity}" was saved by ${current?.savedBy ?? 'someone else'} meanwhile: reload it and save again`, {
    extra: { entity, draft: true, expectedVersion: expected ?? null, currentVersion: current?.version ?? null, ...(current ? { savedBy: current.savedBy, savedAt: current.savedAt } : {}) },
  });
}
