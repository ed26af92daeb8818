/**
 * Registries keyed by name with explicit registration and duplicate checks (STYLE.md §3).
 * Built-in guards/actions and plugins' ones live here; the loader checks names and params
 * against it and the runtime executes from it.
 */
import { UserError } from '../errors.js';
import type { ActionDefinition, ChannelDefinition, GuardDefinition, JsonSchema, Plugin } from './contract.js';

export interface RegistryEntry {
  name: string;
  description: string;
  paramsSchema: JsonSchema;
  /** 'builtin' or the plugin's name. */
  source: string;
}

export class Registry {
  private readonly guardMap = new Map<string, { def: GuardDefinition<never>; source: string }>();
  private readonly actionMap = new Map<string, { def: ActionDefinition<never>; source: string }>();
  private readonly pluginNames = new Set<string>();
  private readonly channelMap = new Map<string, { def: ChannelDefinition<never>; source: string }>();

  registerGuard(name: string, def: GuardDefinition<never>, source = 'builtin'): void {
    if (this.guardMap.has(name)) {
      throw new UserError('invalid-definition', `Guard "${name}" is already registered (by ${this.guardMap.get(name)?.source})`);
    }
    this.guardMap.set(name, { def, source });
  }

  registerAction(name: string, def: ActionDefinition<never>, source = 'builtin'): void {
    if (this.actionMap.has(name)) {
      throw new UserError('invalid-definition', `Action "${name}" is already registered (by ${this.actionMap.get(name)?.source})`);
    }
    this.actionMap.set(name, { def, source });
  }

  /** Register every guard and action of a plugin; a plugin name may be used once. */
  registerPlugin(plugin: Plugin): void {
    if (this.pluginNames.has(plugin.name)) {
      throw new UserError('invalid-definition', `Plugin "${plugin.name}" is already registered`);
    }
    this.pluginNames.add(plugin.name);
    for (const [name, def] of Object.entries(plugin.guards ?? {})) this.registerGuard(name, def, plugin.name);
    for (const [name, def] of Object.entries(plugin.actions ?? {})) this.registerAction(name, def, plugin.name);
    for (const [name, def] of Object.entries(plugin.channels ?? {})) this.registerChannel(name, def, plugin.name);
  }

  registerChannel(name: string, def: ChannelDefinition<never>, source: string): void {
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(name)) {
      throw new UserError('invalid-definition', `Channel name "${name}" (plugin ${source}) must be lower-case letters, digits and dashes`);
    }
    if (this.channelMap.has(name)) {
      throw new UserError('invalid-definition', `Channel "${name}" is already registered (by ${this.channelMap.get(name)?.source})`);
    }
    this.channelMap.set(name, { def, source });
  }

  /** Every registered channel, by name, with the plugin that added it. */
  channels(): { name: string; def: ChannelDefinition<never>; source: string }[] {
    return [...this.channelMap].map(([name, entry]) => ({ name, ...entry }));
  }

  guard(name: string): GuardDefinition<never> | undefined {
    return this.guardMap.get(name)?.def;
  }

  action(name: string): ActionDefinition<never> | undefined {
    return this.actionMap.get(name)?.def;
  }

  listGuards(): RegistryEntry[] {
    return [...this.guardMap].map(([name, { def, source }]) => ({
      name,
      description: def.description,
      paramsSchema: def.paramsSchema,
      source,
    }));
  }

  listActions(): (RegistryEntry & { kind: 'data' | 'effect' })[] {
    return [...this.actionMap].map(([name, { def, source }]) => ({
      name,
      kind: def.kind,
      description: def.description,
      paramsSchema: def.paramsSchema,
      source,
    }));
  }
}
