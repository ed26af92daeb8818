/**
 * The channels plugins add, configured by the operator from the environment (DESIGN.md
 * decision 10). Each channel's settings are read from the variables it names, coerced and
 * validated against its `configSchema`; a channel none of whose variables is set is `off`,
 * one whose settings do not validate is `invalid` (and says which setting and why), the
 * rest are `ready`. Secrets are read only from the environment and never leave this module.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Labels } from '../../../definitions/definition.js';
import type { Issue } from '../../../errors.js';
import type { AdvertisingRules, ChannelDefinition, ChannelHost, OpenChannel, ReplyWindow } from '../../../plugins/contract.js';
import type { Registry } from '../../../plugins/registry.js';

export type ChannelState = 'ready' | 'off' | 'invalid';

/** What an admin sees of a channel: never a secret's value. */
export interface ChannelSummary {
  name: string;
  labels: Labels;
  description: string;
  plugin: string;
  address: 'email' | 'phone' | 'external';
  state: ChannelState;
  /** Every setting, its variable, whether it is set, and its value unless it is a secret. */
  settings: { key: string; variable: string; secret: boolean; set: boolean; value?: unknown }[];
  issues: Issue[];
  advertising?: AdvertisingRules;
  segments: boolean;
}

interface Entry {
  name: string;
  source: string;
  def: ChannelDefinition<Record<string, unknown>>;
  state: ChannelState;
  config: Record<string, unknown>;
  /** The settings the environment gave (not defaults). */
  provided: Set<string>;
  issues: Issue[];
  open?: OpenChannel;
}

/** Read a channel's settings from `env`: each variable's text, coerced by the schema. */
function readSettings(def: ChannelDefinition<Record<string, unknown>>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(def.env)) {
    const value = env[variable];
    if (value !== undefined && value !== '') config[key] = value;
  }
  return config;
}

export class ChannelHub {
  private readonly entries = new Map<string, Entry>();

  /**
   * Open every registered channel that is configured in `env`.
   * @example
   * const hub = ChannelHub.open(registry, process.env, host);
   * hub.get('email')?.send(message, signal);
   */
  static open(registry: Registry, env: NodeJS.ProcessEnv, hostFor: (channel: string) => ChannelHost): ChannelHub {
    const hub = new ChannelHub();
    const ajv = new Ajv2020({ allErrors: true, coerceTypes: true, useDefaults: true, strict: false });
    for (const { name, def, source } of registry.channels()) {
      const channel = def as ChannelDefinition<Record<string, unknown>>;
      const config = readSettings(channel, env);
      const entry: Entry = { name, source, def: channel, state: 'off', config, provided: new Set(Object.keys(config)), issues: [] };
      hub.entries.set(name, entry);
      if (Object.keys(config).length === 0) continue;
      const validate = ajv.compile(channel.configSchema);
      if (!validate(config)) {
        entry.state = 'invalid';
        entry.issues = (validate.errors ?? []).map((e) => {
          const key = e.instancePath.slice(1) || String((e.params as { missingProperty?: string }).missingProperty ?? '');
          const variable = channel.env[key] ?? key;
          return { pointer: `/${key}`, message: `${variable} ${e.message ?? 'is not valid'}` };
        });
        continue;
      }
      try {
        entry.open = channel.open(config, hostFor(name));
        entry.state = 'ready';
      } catch (error) {
        entry.state = 'invalid';
        entry.issues = [{ pointer: '', message: error instanceof Error ? error.message : String(error) }];
      }
    }
    return hub;
  }

  /** A registered channel's state; undefined when no plugin adds it. */
  state(name: string): ChannelState | undefined {
    return this.entries.get(name)?.state;
  }

  /** A ready channel, or undefined when it is not registered, off or invalid. */
  get(name: string): OpenChannel | undefined {
    return this.entries.get(name)?.open;
  }

  /** A registered channel's definition (ready or not). */
  definition(name: string): ChannelDefinition<Record<string, unknown>> | undefined {
    return this.entries.get(name)?.def;
  }

  /**
   * The advertising rules in force: the channel's defaults, overlaid with the operator's
   * settings `adWindow` ("07:00-22:00", or "off"), `adPerDay` (0: no cap) and `adPrefix`.
   */
  advertisingRules(name: string): AdvertisingRules | undefined {
    const entry = this.entries.get(name);
    if (!entry?.def.advertising) return undefined;
    const rules: AdvertisingRules = { ...entry.def.advertising };
    const { adWindow, adPerDay, adPrefix } = entry.config;
    if (adWindow === 'off') delete rules.window;
    else if (typeof adWindow === 'string') {
      const [from, to] = adWindow.split('-');
      if (from && to) rules.window = { from, to };
    }
    if (adPerDay === 0) delete rules.perDay;
    else if (typeof adPerDay === 'number') rules.perDay = adPerDay;
    if (typeof adPrefix === 'string') rules.prefix = adPrefix;
    return rules;
  }

  /** A ready conversation channel's reply window under the operator's settings. */
  replyWindow(name: string): ReplyWindow | undefined {
    const entry = this.entries.get(name);
    return entry?.state === 'ready' ? entry.def.replyWindow?.(entry.config) : undefined;
  }

  /** Why a channel cannot send, in a sentence for the timeline; undefined when it can. */
  whyNot(name: string): string | undefined {
    const entry = this.entries.get(name);
    if (!entry) return `No channel "${name}" is installed`;
    if (entry.state === 'off') return `The ${name} channel is not configured: set ${Object.values(entry.def.env).join(', ')}`;
    if (entry.state === 'invalid') return `The ${name} channel's settings are wrong: ${entry.issues.map((i) => i.message).join('; ')}`;
    return undefined;
  }

  list(): ChannelSummary[] {
    return [...this.entries.values()].map((entry) => {
      const secrets = new Set(entry.def.secrets ?? []);
      const advertising = this.advertisingRules(entry.name);
      return {
        name: entry.name,
        labels: entry.def.labels,
        description: entry.def.description,
        plugin: entry.source,
        address: entry.def.address,
        state: entry.state,
        settings: Object.entries(entry.def.env).map(([key, variable]) => ({
          key,
          variable,
          secret: secrets.has(key),
          set: entry.provided.has(key),
          ...(secrets.has(key) || entry.config[key] === undefined ? {} : { value: entry.config[key] }),
        })),
        issues: entry.issues,
        ...(advertising ? { advertising } : {}),
        segments: entry.def.segments === true,
      };
    });
  }

  async close(): Promise<void> {
    for (const entry of this.entries.values()) await entry.open?.close?.();
  }
}
