/** Where the runtime gets definitions from, compiled once per immutable version. */
import type { EntityDefinition } from '../../definitions/definition.js';
import { UserError } from '../../errors.js';
import type { Registry } from '../../plugins/registry.js';
import { compileDefinition, type CompiledDefinition } from './compiled-definition.js';

/** The part of the definition repository the runtime reads. */
export interface DefinitionReader {
  latest(entity: string): Promise<EntityDefinition | undefined>;
  get(entity: string, version: number): Promise<EntityDefinition | undefined>;
}

export class CompiledDefinitions {
  private readonly cache = new Map<string, CompiledDefinition>();

  constructor(
    private readonly reader: DefinitionReader,
    private readonly registry: Registry,
  ) {}

  private compiled(definition: EntityDefinition): CompiledDefinition {
    const key = `${definition.entity}@${definition.version}`;
    let compiled = this.cache.get(key);
    if (!compiled) {
      compiled = compileDefinition(definition, this.registry);
      this.cache.set(key, compiled);
    }
    return compiled;
  }

  /** The latest version, for new records. Throws `unknown-entity`. */
  async latest(entity: string): Promise<CompiledDefinition> {
    const definition = await this.reader.latest(entity);
    if (!definition) throw unknownEntity(entity);
    return this.compiled(definition);
  }

  /** The version a record runs on. */
  async version(entity: string, version: number): Promise<CompiledDefinition> {
    const definition = await this.reader.get(entity, version);
    if (!definition) throw unknownEntity(entity, version);
    return this.compiled(definition);
  }
}

export function unknownEntity(entity: string, version?: number): UserError {
  return new UserError('unknown-entity', version === undefined ? `There is no entity "${entity}"` : `There is no version ${version} of entity "${entity}"`, {
    extra: { entity },
  });
}
