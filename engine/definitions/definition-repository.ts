/**
 * Versioned entity definitions on the Store (DESIGN.md decision 6): collection
 * `definitions`, one immutable document per version, `_id` `${entity}@${version}`.
 *
 * Several engine processes may share the store, so the latest version is always read
 * from it; only immutable versions are cached. Two writers racing for the same next
 * version both try to insert the same `_id`; the store lets one win (DuplicateKeyError
 * for the other), which is what makes versions safe without locks.
 */
import { DuplicateKeyError, UserError } from '../errors.js';
import type { Registry } from '../plugins/registry.js';
import type { Store, StoredDoc, WriteOp } from '../store/store.js';
import { definitionHash } from './canonical-json.js';
import type { EntityDefinition, EntitySchema, MachineConfig } from './definition.js';
import type { LoadedPack } from './load-pack.js';
import { validateEntity } from './validate-entity.js';
import { DEFINITIONS, DEFINITION_DRAFTS } from '../collections.js';

/** The pack of an entity first saved from the designer without one. */
export const DESIGNER_PACK = 'designer';

/** A version without its schema and machine bodies, for listings. */
export type DefinitionSummary = Omit<EntityDefinition, 'schema' | 'machine'>;

export interface DefinitionSaveInput {
  schema: unknown;
  machine: unknown;
  summary?: string;
  /** Pack of a new entity; an existing entity keeps its pack. Default: `designer`. */
  pack?: string;
  /**
   * The version the change was made on (0 for a new entity): another version saved since
   * is a `version-conflict`, never a silent overwrite (DESIGN.md decision 12). Undefined:
   * unchecked (the engine's own writers, tests).
   */
  baseVersion?: number;
}

type DefinitionDoc = StoredDoc & EntityDefinition;

/** What installing a pack did to one entity. */
export interface PackInstallResult {
  entity: string;
  /** The entity's latest version afterwards. */
  version: number;
  /**
   * `seeded`: first version; `updated`: the pack file changed and the latest version was
   * the pack's; `unchanged`; `held`: the pack file changed but an admin's version is the
   * latest, which is kept.
   */
  outcome: 'seeded' | 'updated' | 'unchanged' | 'held';
  /** Who saved the version that held the pack's change. */
  savedBy?: string;
}

/**
 * Whether a version was installed from a pack file. Versions stored before `source`
 * existed came from the pack when a system actor stored them (designer saves name a user).
 */
function isFromPack(definition: EntityDefinition): boolean {
  return definition.source === undefined ? definition.createdBy.startsWith('system:') : definition.source === 'pack';
}

/** How often installPack re-reads and retries after losing a race to another process. */
const INSTALL_ATTEMPTS = 3;

/**
 * Store-backed, versioned definitions.
 *
 * @example
 * const definitions = new DefinitionRepository(store);
 * await definitions.installPack(loaded.pack, 'system:startup'); // [{ entity: 'deal', version: 1, outcome: 'seeded' }, …]
 * const deal = await definitions.latest('deal');
 */
export class DefinitionRepository {
  /** Versions never change once stored: cache them, frozen so no caller can alter the shared copy. */
  private readonly versions = new Map<string, EntityDefinition>();
  private indexed?: Promise<void>;

  constructor(private readonly store: Store) {}

  /**
   * Install a pack read from disk, by the rule of docs/pack-format.md ("Packs on disk and
   * the designer"): an entity the store does not know is seeded as version 1; after that
   * the pack file becomes a new version only when its own content changed since it was
   * last installed, and never over a version an admin saved: that entity is `held` (the
   * admin's version stays latest; the caller reports it). All new versions in one commit.
   */
  async installPack(pack: LoadedPack, actor: string): Promise<PackInstallResult[]> {
    await this.ready();
    for (let attempt = 1; ; attempt++) {
      const results: PackInstallResult[] = [];
      const ops: WriteOp[] = [];
      for (const { entity, schema, machine, hash } of pack.entities) {
        const latest = await this.latest(entity);
        const lastFromPack = latest && isFromPack(latest) ? latest : await this.lastFromPack(entity);
        if (latest !== undefined && (lastFromPack?.hash === hash || latest.hash === hash)) {
          results.push({ entity, version: latest.version, outcome: 'unchanged' });
          continue;
        }
        if (latest !== undefined && !isFromPack(latest)) {
          results.push({ entity, version: latest.version, outcome: 'held', savedBy: latest.createdBy });
          continue;
        }
        const version = (latest?.version ?? 0) + 1;
        ops.push({
          op: 'insert',
          collection: DEFINITIONS,
          doc: toDoc({ entity, pack: pack.name, version, schema, machine, hash, actor, source: 'pack' }),
        });
        results.push({ entity, version, outcome: latest === undefined ? 'seeded' : 'updated' });
      }
      try {
        if (ops.length > 0) await this.store.commit(ops);
        return results;
      } catch (error) {
        // Another process installed meanwhile (likely the same pack): read again and redo.
        if (!(error instanceof DuplicateKeyError) || attempt >= INSTALL_ATTEMPTS) throw error;
      }
    }
  }

  /** The newest version of an entity that came from its pack file. */
  private async lastFromPack(entity: string): Promise<EntityDefinition | undefined> {
    const docs = await this.store.find<DefinitionDoc>(DEFINITIONS, { entity }, { sort: { version: -1 } });
    const doc = docs.find(isFromPack);
    return doc ? this.remember(doc) : undefined;
  }

  /**
   * The newest version of an entity. Which version is newest is read from the store every
   * time (only its number: the body of a known version comes from memory).
   */
  async latest(entity: string): Promise<EntityDefinition | undefined> {
    await this.ready();
    const [head] = await this.store.find<{ _id: string; version: number }>(
      DEFINITIONS,
      { entity },
      { sort: { version: -1 }, limit: 1, fields: ['version'] },
    );
    return head ? this.get(entity, head.version) : undefined;
  }

  /** One version of an entity; served from memory after the first read. */
  async get(entity: string, version: number): Promise<EntityDefinition | undefined> {
    const cached = this.versions.get(docId(entity, version));
    if (cached) return cached;
    const doc = await this.store.get<DefinitionDoc>(DEFINITIONS, docId(entity, version));
    return doc ? this.remember(doc) : undefined;
  }

  /** The latest version of every entity, ordered by entity name. */
  async listLatest(): Promise<EntityDefinition[]> {
    await this.ready();
    const heads = await this.store.aggregate<{ _id: string; version: number }>(DEFINITIONS, [
      { $group: { _id: '$entity', version: { $max: '$version' } } },
      { $sort: { _id: 1 } },
    ]);
    const found = await Promise.all(heads.map((head) => this.get(head._id, head.version)));
    return found.filter((d): d is EntityDefinition => d !== undefined);
  }

  /** Every version of an entity, newest first, without schema and machine bodies. */
  async history(entity: string): Promise<DefinitionSummary[]> {
    await this.ready();
    const rows = await this.store.aggregate<DefinitionDoc>(DEFINITIONS, [
      { $match: { entity } },
      { $sort: { version: -1 } },
      { $project: { schema: 0, machine: 0 } },
    ]);
    return rows.map(({ _id, ...summary }) => summary);
  }

  /**
   * Validate and store a new version (latest + 1). Saving content identical to the latest
   * version stores nothing and returns that version.
   *
   * Publishing deletes the entity's draft in the same commit.
   *
   * @throws UserError `invalid-definition` with every issue, storing nothing;
   *   `version-conflict` when a version other than `baseVersion` is the latest, or another
   *   writer stored the same version first.
   */
  async save(
    entity: string,
    input: DefinitionSaveInput,
    actor: string,
    registry: Registry,
  ): Promise<EntityDefinition> {
    const knownEntities = [...new Set([...(await this.listLatest()).map((d) => d.entity), entity])];
    const issues = validateEntity({ entity, schema: input.schema, machine: input.machine }, registry, {
      knownEntities,
    });
    if (issues.length > 0) {
      throw new UserError(
        'invalid-definition',
        `The definition of "${entity}" has ${issues.length} problem(s)`,
        { issues },
      );
    }
    const latest = await this.latest(entity);
    if (input.baseVersion !== undefined && input.baseVersion !== (latest?.version ?? 0)) throw savedMeanwhile(entity, input.baseVersion, latest);
    const hash = definitionHash(input.schema, input.machine);
    const draft = await this.store.get(DEFINITION_DRAFTS, entity);
    const dropDraft: WriteOp[] = draft ? [{ op: 'delete', collection: DEFINITION_DRAFTS, id: entity }] : [];
    if (latest?.hash === hash) {
      if (dropDraft.length > 0) await this.store.commit(dropDraft);
      return latest;
    }
    const version = (latest?.version ?? 0) + 1;
    const pack = latest?.pack ?? input.pack ?? DESIGNER_PACK;
    const doc = toDoc({
      entity,
      pack,
      version,
      schema: input.schema as EntitySchema,
      machine: input.machine as MachineConfig,
      hash,
      actor,
      source: 'designer',
    });
    if (input.summary !== undefined) doc.summary = input.summary;
    try {
      await this.store.commit([{ op: 'insert', collection: DEFINITIONS, doc }, ...dropDraft]);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      throw savedMeanwhile(entity, latest?.version ?? 0, await this.latest(entity), error);
    }
    return this.remember(doc);
  }

  private ready(): Promise<void> {
    this.indexed ??= this.store.ensureIndex(DEFINITIONS, ['entity']);
    return this.indexed;
  }

  private remember(doc: DefinitionDoc): EntityDefinition {
    const { _id, ...definition } = doc;
    const cached = this.versions.get(_id);
    if (cached) return cached;
    const frozen = deepFreeze(definition as EntityDefinition);
    this.versions.set(_id, frozen);
    return frozen;
  }
}

/**
 * `version-conflict`: someone saved `latest` after the version the change was based on.
 * Its extra names that version and who saved it, so the designer can show what they changed.
 */
function savedMeanwhile(entity: string, baseVersion: number, latest: EntityDefinition | undefined, cause?: unknown): UserError {
  const by = latest ? ` (version ${latest.version}, by ${latest.createdBy})` : '';
  return new UserError('version-conflict', `"${entity}" was saved by someone else after version ${baseVersion}${by}: reload it, or merge, and save again`, {
    extra: {
      entity,
      baseVersion,
      latestVersion: latest?.version ?? 0,
      ...(latest ? { savedBy: latest.createdBy, savedAt: latest.createdAt } : {}),
      ...(latest?.summary === undefined ? {} : { summary: latest.summary }),
    },
    ...(cause ? { cause } : {}),
  });
}

function docId(entity: string, version: number): string {
  return `${entity}@${version}`;
}

function toDoc(d: Omit<EntityDefinition, 'createdAt' | 'createdBy'> & { actor: string }): DefinitionDoc {
  const { actor, ...rest } = d;
  // A copy: the caller's objects must not become the stored (and later frozen) ones.
  return structuredClone({
    _id: docId(d.entity, d.version),
    ...rest,
    createdAt: new Date().toISOString(),
    createdBy: actor,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
