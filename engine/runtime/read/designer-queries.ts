/**
 * What the designer asks of the engine besides reading and saving definitions: the
 * versions of an entity, how many records sit in each stage, and dry runs of a candidate
 * definition. Kept apart from create-engine.ts so the engine's wiring stays small.
 */
import type { DefinitionSummary } from '../../definitions/definition-repository.js';
import type { EntityDefinition, EntitySchema, MachineConfig } from '../../definitions/definition.js';
import { validateEntity } from '../../definitions/validate-entity.js';
import { UserError } from '../../errors.js';
import type { Registry } from '../../plugins/registry.js';
import type { Store } from '../../store/store.js';
import { RECORDS } from '../../collections.js';
import { compileDefinition, simulateDefinition, unknownEntity, type CompiledDefinitions, type SimulationInput, type SimulationResult } from '../core/index.js';

/** Records of an entity in one stage on one definition version. */
export interface StageCount {
  stage: string;
  version: number;
  count: number;
  /** Of them, those still under way (not in an end stage): what a migration would move. */
  live: number;
}

export interface DesignerQueries {
  /** Every version of an entity, newest first, without bodies. Throws `unknown-entity`. */
  definitionHistory(entity: string): Promise<DefinitionSummary[]>;
  /** How many records of an entity are in each stage, per definition version. */
  stageCounts(entity: string): Promise<StageCount[]>;
  /** Dry-run events against a candidate definition; stores nothing. Throws `invalid-definition`. */
  simulate(
    entity: string,
    input: { schema: EntitySchema; machine: MachineConfig } & SimulationInput,
  ): Promise<SimulationResult>;
}

export interface DesignerQueryDeps {
  store: Store;
  registry: Registry;
  compiled: CompiledDefinitions;
  definitions: {
    history(entity: string): Promise<DefinitionSummary[]>;
    listLatest(): Promise<EntityDefinition[]>;
  };
}

/**
 * @example
 * const queries = designerQueries({ store, registry, compiled, definitions });
 * await queries.stageCounts('deal'); // [{ stage: 'open', version: 1, count: 3 }]
 */
export function designerQueries({
  store,
  registry,
  compiled,
  definitions,
}: DesignerQueryDeps): DesignerQueries {
  return {
    async definitionHistory(entity) {
      const versions = await definitions.history(entity);
      if (versions.length === 0) throw unknownEntity(entity);
      return versions;
    },
    async stageCounts(entity) {
      await compiled.latest(entity);
      const rows = await store.aggregate<{ _id: { stage: string; version: number }; count: number; live: number }>(
        RECORDS,
        [
          { $match: { entity } },
          {
            $group: {
              _id: { stage: '$stage', version: '$definitionVersion' },
              count: { $sum: 1 },
              live: { $sum: { $cond: [{ $eq: ['$status', 'active'] }, 1, 0] } },
            },
          },
        ],
      );
      return rows
        .map((r) => ({ stage: r._id.stage, version: r._id.version, count: r.count, live: r.live }))
        .sort((a, b) => a.stage.localeCompare(b.stage) || a.version - b.version);
    },
    async simulate(entity, input) {
      const known = (await definitions.listLatest()).map((d) => d.entity);
      const issues = validateEntity({ entity, schema: input.schema, machine: input.machine }, registry, {
        knownEntities: [...new Set([...known, entity])],
      });
      if (issues.length > 0) {
        throw new UserError(
          'invalid-definition',
          `The definition of "${entity}" has ${issues.length} problem(s): fix them to simulate`,
          { issues },
        );
      }
      const candidate: EntityDefinition = {
        entity,
        pack: 'simulation',
        version: 0,
        schema: input.schema,
        machine: input.machine,
        hash: '',
        createdAt: new Date().toISOString(),
        createdBy: 'simulation',
      };
      return simulateDefinition(compileDefinition(candidate, registry), registry, input);
    },
  };
}
