/** The thing the designer edits: an entity's schema and machine, as plain JSON. */
import type { EntitySchema, Labels, MachineConfig, StateConfig } from './pack-types.js';

export interface Draft {
  schema: EntitySchema;
  machine: MachineConfig;
}

export type Lang = 'vi' | 'en';

/** A deep copy to change freely; drafts are small JSON documents. */
export function cloneDraft(draft: Draft): Draft {
  return structuredClone(draft);
}

/** Apply `change` to a copy of the draft. */
export function edit(draft: Draft, change: (copy: Draft) => void): Draft {
  const copy = cloneDraft(draft);
  change(copy);
  return copy;
}

/**
 * Stages are named by their path of keys from the root, dotted ("open.proposal"), as the
 * engine names a record's stage.
 */
export function stageAt(draft: Draft, path: string): StateConfig | undefined {
  let states: Record<string, StateConfig> | undefined = draft.machine.states;
  let state: StateConfig | undefined;
  for (const key of path.split('.')) {
    state = states && Object.hasOwn(states, key) ? states[key] : undefined;
    if (!state) return undefined;
    states = state.states;
  }
  return state;
}

/** "open.proposal" → "open"; "" for a top-level stage. */
export function parentOf(path: string): string {
  const at = path.lastIndexOf('.');
  return at < 0 ? '' : path.slice(0, at);
}

/** "open.proposal" → "proposal". */
export function keyOf(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** The state (or the machine, for "") whose `states` hold the children of `path`. */
export function containerAt(machine: MachineConfig, path: string): MachineConfig | StateConfig | undefined {
  return path === '' ? machine : stageAt({ machine } as Draft, path);
}

/** A record's state value as a stage path: { open: "proposal" } → "open.proposal" (first region only). */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [key, inner] = Object.entries(value as Record<string, unknown>)[0] ?? [];
    if (key === undefined) return '';
    const rest = statePath(inner);
    return rest ? `${key}.${rest}` : key;
  }
  return '';
}

/** `path` below `parent` ("" is the root). */
export function childPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** A label in the chosen language, falling back to the other one, then to `fallback`. */
export function labelIn(labels: Partial<Labels> | undefined, lang: Lang, fallback = ''): string {
  const other = lang === 'vi' ? 'en' : 'vi';
  return labels?.[lang]?.trim() || labels?.[other]?.trim() || fallback;
}

/** Same JSON content: what "unsaved changes" compares. */
export function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A name of letters, digits, '_' or '-', starting with a letter (the pack format's rule). */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** An event name (the pack format's rule). */
export const EVENT_PATTERN = /^(?!xstate\.)[A-Za-z_][A-Za-z0-9_.]{0,99}$/;

/** `base`, or `base2`, `base3`… : the first not in `taken`. */
export function uniqueName(base: string, taken: Iterable<string>, separator = ''): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${separator}${i}`)) return `${base}${separator}${i}`;
}

/** "Follow-up call" → "followUpCall"; "" when nothing usable is left. */
export function camelName(text: string): string {
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  return /^[A-Za-z]/.test(name) ? name : '';
}

/** "followUp" → "FOLLOW_UP". */
export function eventNameFor(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toUpperCase();
}
