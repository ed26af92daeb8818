/**
 * Load a pack from a folder: pack.json plus `<entity>.schema.json` and
 * `<entity>.machine.json` for each entity it lists. Every problem of every file is
 * reported at once, and a pack is returned only when there is none: never half a pack.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Issue } from '../errors.js';
import type { Registry } from '../plugins/registry.js';
import { definitionHash } from './canonical-json.js';
import { checkRecordViews } from './check-record-views.js';
import { checkRecurring } from './check-recurring.js';
import type { AssignmentRule, PackManifest, EntitySchema, Labels, MachineConfig, MessageTemplate, NavigationGroup, RecordViewDecl, RecurringJobDecl, Report, Rollup, Dashboard, Tiers, Kpis, WebForm } from './definition.js';
import { assignmentIssues, kpiIssues, reportIssues, rollupIssues, summaryIssues, tierIssues } from './check-manifest-rules.js';
import { isRecord, pointerOf } from './json-pointer.js';
import { parseJsonText } from './json-text.js';
import { checkStructure } from './meta-schema.js';
import { checkEntitySchema, validateEntity } from './validate-entity.js';
import { dashboardIssues, templateIssues } from '../runtime/core/index.js';

export { formatIssues } from './format-issues.js';

/** One entity of a loaded pack, with the content hash that decides whether it is a new version. */
export interface LoadedEntity {
  entity: string;
  schema: EntitySchema;
  machine: MachineConfig;
  hash: string;
}

/** A pack whose every file passed validation. */
export interface LoadedPack {
  name: string;
  title: Labels;
  /** Absolute path of the pack's folder. */
  dir: string;
  /** In the order of pack.json's `entities`. */
  entities: LoadedEntity[];
  /** Absolute path of the pack's demo-data module, when pack.json names one. */
  demo?: string;
  /** The recurring jobs pack.json declares (the scheduler runs them). */
  recurring: RecurringJobDecl[];
  /** The record views pack.json declares, per entity whose page shows them. */
  recordViews: Record<string, RecordViewDecl[]>;
  /** The workspace's groups of entities, in the order of the business. */
  navigation: NavigationGroup[];
  /** Messages the pack's automations send (docs/channels.md). */
  messageTemplates: MessageTemplate[];
  /** Public forms websites embed (docs/channels.md#website-forms). */
  webForms: WebForm[];
  reports: Report[];
  rollups: Rollup[];
  tiers?: Tiers;
  kpis?: Kpis;
  /** Who gets new unowned records (docs/channels.md#assignment-rules). */
  assignmentRules: AssignmentRule[];
  dashboards: Dashboard[];
  /** Where messages people send through channels go (docs/channels.md#messenger). */
  inbox?: NonNullable<PackManifest['inbox']>;
}

export type LoadPackResult = { ok: true; pack: LoadedPack } | { ok: false; issues: Issue[] };

const MANIFEST = 'pack.json';
const ENTITY_FILE = /^(.+)\.(schema|machine)\.json$/;
// Entity names become file names: never read a path built from anything else.
const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Load and validate the pack in `dir`.
 *
 * When pack.json cannot be read, the entity files found in the folder are still checked,
 * so that one run shows everything. An entity whose schema cannot be read has its machine
 * left unchecked (its field names are unknown); one whose machine cannot be read still has
 * its schema checked.
 *
 * @example
 * const result = await loadPack('definitions/travel-crm', registry);
 * if (!result.ok) console.error(formatIssues(result.issues));
 */
export async function loadPack(dir: string, registry: Registry): Promise<LoadPackResult> {
  const files = await listEntityFiles(dir);
  const { manifest, issues } = await readManifest(dir);
  const listed = manifest && Array.isArray(manifest.entities) ? manifest.entities : [...files.keys()];
  const entities = uniqueEntities(listed, manifest !== undefined, issues);
  const knownEntities = entities.map((e) => e.entity);

  const loaded: LoadedEntity[] = [];
  for (const { entity, pointer } of entities) {
    const result = await loadEntity(dir, entity, pointer, registry, knownEntities);
    issues.push(...result.issues);
    if (result.loaded) loaded.push(result.loaded);
  }

  for (const [entity, names] of files) {
    if (knownEntities.includes(entity) || !manifest) continue;
    for (const file of names) {
      const message = `entity "${entity}" is not listed in pack.json "entities": add it there or remove this file`;
      issues.push({ file, pointer: '', message });
    }
  }

  const machines = new Map(loaded.map((e) => [e.entity, e.machine as unknown]));
  if (manifest) issues.push(...checkRecurring(manifest.recurring, machines).map((issue) => ({ file: MANIFEST, ...issue })));
  const schemas = new Map(loaded.map((e) => [e.entity, e.schema as unknown]));
  if (manifest) {
    const viewIssues = checkRecordViews(manifest.recordViews, { listed: knownEntities, schemas });
    issues.push(...viewIssues.map((issue) => ({ file: MANIFEST, ...issue })));
    issues.push(...navigationIssues(manifest.navigation, knownEntities).map((issue) => ({ file: MANIFEST, ...issue })));
    issues.push(...messageTemplateIssues(manifest.messageTemplates, knownEntities).map((issue) => ({ file: MANIFEST, ...issue })));
    issues.push(...webFormIssues(manifest.webForms, schemas, machines).map((issue) => ({ file: MANIFEST, ...issue })));
    issues.push(...rollupIssues(manifest.rollups, schemas).map((issue) => ({ file: MANIFEST, ...issue })));
    issues.push(...summaryIssues(manifest.recurring, (manifest.reports ?? []) as Report[]).map((issue) => ({ file: MANIFEST, ...issue })));
    issues.push(...reportIssues(manifest.reports, schemas, (manifest.rollups ?? []) as Rollup[]).map((issue) => ({ file: MANIFEST, ...issue })));
    issues.push(...tierIssues(manifest.tiers as Tiers | undefined, schemas).map((issue) => ({ file: MANIFEST, ...issue })));
    issues.push(...kpiIssues(manifest.kpis as Kpis | undefined, schemas).map((issue) => ({ file: MANIFEST, ...issue })));
    issues.push(...assignmentIssues(manifest.assignmentRules, schemas).map((issue) => ({ file: MANIFEST, ...issue })));
    issues.push(...dashboardIssues((manifest.dashboards ?? []) as Dashboard[], (manifest.reports ?? []) as Report[], '/dashboards').map((issue) => ({ file: MANIFEST, ...issue })));
  }

  const demo = typeof manifest?.demo === 'string' ? resolve(dir, manifest.demo) : undefined;
  if (demo && !(await isFile(demo))) {
    issues.push({ file: MANIFEST, pointer: '/demo', message: `the demo module ${String(manifest?.demo)} does not exist in the pack` });
  }
  if (issues.length > 0 || !manifest) return { ok: false, issues };
  const pack: LoadedPack = {
    name: manifest.name as string,
    title: manifest.title as Labels,
    dir: resolve(dir),
    entities: loaded,
    ...(demo ? { demo } : {}),
    recurring: (manifest.recurring ?? []) as RecurringJobDecl[],
    recordViews: (manifest.recordViews ?? {}) as Record<string, RecordViewDecl[]>,
    navigation: (manifest.navigation ?? []) as NavigationGroup[],
    messageTemplates: (manifest.messageTemplates ?? []) as MessageTemplate[],
    webForms: (manifest.webForms ?? []) as WebForm[],
    reports: (manifest.reports ?? []) as Report[],
    rollups: (manifest.rollups ?? []) as Rollup[],
    ...(manifest.tiers ? { tiers: manifest.tiers as Tiers } : {}),
    ...(manifest.kpis ? { kpis: manifest.kpis as Kpis } : {}),
    assignmentRules: (manifest.assignmentRules ?? []) as AssignmentRule[],
    dashboards: (manifest.dashboards ?? []) as Dashboard[],
    ...(manifest.inbox ? { inbox: manifest.inbox as NonNullable<PackManifest['inbox']> } : {}),
  };
  return { ok: true, pack };
}

async function readManifest(dir: string): Promise<{ manifest?: Record<string, unknown>; issues: Issue[] }> {
  const read = await readJsonFile(dir, MANIFEST);
  if ('issue' in read) return { issues: [read.issue] };
  if ('missing' in read)
    return { issues: [{ file: MANIFEST, pointer: '', message: `there is no ${MANIFEST} in ${dir}` }] };
  const issues = checkStructure('manifest', read.value).map((issue) => ({ file: MANIFEST, ...issue }));
  return isRecord(read.value) ? { manifest: read.value, issues } : { issues };
}

/** Entities in listed order, each once; a repeat is an issue. Unsafe names were reported by the structure check. */
function uniqueEntities(
  listed: unknown[],
  fromManifest: boolean,
  issues: Issue[],
): { entity: string; pointer: string }[] {
  const entities: { entity: string; pointer: string }[] = [];
  listed.forEach((entity, i) => {
    if (typeof entity !== 'string' || !SAFE_NAME.test(entity)) return;
    const pointer = fromManifest ? pointerOf('entities', i) : '';
    const first = entities.find((e) => e.entity === entity);
    if (!first) entities.push({ entity, pointer });
    else
      issues.push({
        file: MANIFEST,
        pointer,
        message: `entity "${entity}" is listed twice in "entities" (first at ${first.pointer})`,
      });
  });
  return entities;
}

async function loadEntity(
  dir: string,
  entity: string,
  pointer: string,
  registry: Registry,
  knownEntities: string[],
): Promise<{ issues: Issue[]; loaded?: LoadedEntity }> {
  const schemaFile = `${entity}.schema.json`;
  const [schema, machine] = await Promise.all([
    readJsonFile(dir, schemaFile),
    readJsonFile(dir, `${entity}.machine.json`),
  ]);
  const issues: Issue[] = [];
  for (const read of [schema, machine]) {
    if ('missing' in read)
      issues.push({ file: MANIFEST, pointer, message: `entity "${entity}" has no file ${read.missing}` });
    else if ('issue' in read) issues.push(read.issue);
  }
  if (!('value' in schema)) return { issues };
  if (!('value' in machine)) {
    return {
      issues: [
        ...issues,
        ...checkEntitySchema(schema.value).map((issue) => ({ file: schemaFile, ...issue })),
      ],
    };
  }
  const found = validateEntity({ entity, schema: schema.value, machine: machine.value }, registry, {
    knownEntities,
  });
  if (found.length > 0) return { issues: found };
  const [s, m] = [schema.value as EntitySchema, machine.value as MachineConfig];
  return { issues: [], loaded: { entity, schema: s, machine: m, hash: definitionHash(s, m) } };
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

type ReadResult = { value: unknown } | { issue: Issue } | { missing: string };

async function readJsonFile(dir: string, file: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    const code = isRecord(error) ? error.code : undefined;
    if (code === 'ENOENT') return { missing: file };
    return {
      issue: {
        file,
        pointer: '',
        message: `cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
  const parsed = parseJsonText(text);
  return parsed.ok ? { value: parsed.value } : { issue: { file, pointer: '', message: parsed.message } };
}

/** Entity files in the folder, by entity name. */
async function listEntityFiles(dir: string): Promise<Map<string, string[]>> {
  const byEntity = new Map<string, string[]>();
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return byEntity; // reported as the missing pack.json
  }
  for (const name of names) {
    const entity = ENTITY_FILE.exec(name)?.[1];
    if (entity === undefined || !SAFE_NAME.test(entity)) continue;
    byEntity.set(entity, [...(byEntity.get(entity) ?? []), name]);
  }
  return byEntity;
}

/** Each form has its own id, creates an entity of the pack, asks for fields it has, and names an event the matched records handle. */
function webFormIssues(forms: unknown, schemas: Map<string, unknown>, machines: Map<string, unknown>): Issue[] {
  if (!Array.isArray(forms)) return [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const fieldsOf = (entity: string) => {
    const schema = schemas.get(entity) as { properties?: Record<string, unknown> } | undefined;
    return schema ? Object.keys(schema.properties ?? {}) : undefined;
  };
  forms.forEach((form: Partial<WebForm>, f) => {
    const at = `/webForms/${f}`;
    if (typeof form.id === 'string') {
      if (seen.has(form.id)) issues.push({ pointer: `${at}/id`, message: `form "${form.id}" is declared twice` });
      seen.add(form.id);
    }
    const fields = typeof form.entity === 'string' ? fieldsOf(form.entity) : undefined;
    if (typeof form.entity === 'string' && !fields) {
      issues.push({ pointer: `${at}/entity`, message: `"${form.entity}" is not an entity of this pack` });
      return;
    }
    const check = (names: unknown, pointer: string) => {
      if (!Array.isArray(names)) return;
      names.forEach((name, i) => {
        if (typeof name === 'string' && !fields?.includes(name)) issues.push({ pointer: `${pointer}/${i}`, message: `${form.entity} has no field "${name}"` });
      });
    };
    check(form.fields, `${at}/fields`);
    check(form.required, `${at}/required`);
    check(Object.keys(form.set ?? {}), `${at}/set`);
    if (form.sourceField !== undefined) check([form.sourceField], `${at}/sourceField`);
    for (const entity of form.dedupe?.in ?? []) {
      const machine = machines.get(entity) as { on?: Record<string, unknown>; states?: Record<string, { on?: Record<string, unknown> }> } | undefined;
      if (!machine) issues.push({ pointer: `${at}/dedupe/in`, message: `"${entity}" is not an entity of this pack` });
      else if (form.dedupe && !JSON.stringify(machine).includes(`"${form.dedupe.event}"`)) issues.push({ pointer: `${at}/dedupe/event`, message: `${entity} never handles "${form.dedupe.event}"` });
    }
  });
  return issues;
}

/** Each template has its own id, names one of the pack's entities, and parses in both languages. */
function messageTemplateIssues(templates: unknown, listed: readonly string[]): Issue[] {
  if (!Array.isArray(templates)) return [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  templates.forEach((template: Partial<MessageTemplate>, t) => {
    const at = `/messageTemplates/${t}`;
    if (typeof template.id === 'string') {
      if (seen.has(template.id)) issues.push({ pointer: `${at}/id`, message: `template "${template.id}" is declared twice` });
      seen.add(template.id);
    }
    if (typeof template.entity === 'string' && !listed.includes(template.entity)) issues.push({ pointer: `${at}/entity`, message: `"${template.entity}" is not in "entities"` });
    for (const part of ['subject', 'body'] as const) {
      for (const lang of ['vi', 'en'] as const) {
        const text = template[part]?.[lang];
        if (typeof text === 'string') issues.push(...templateIssues(text, `${at}/${part}/${lang}`));
      }
    }
  });
  return issues;
}

/** Each entity of the navigation is one of the pack's, in one group only. */
function navigationIssues(navigation: unknown, listed: readonly string[]): Issue[] {
  if (!Array.isArray(navigation)) return [];
  const issues: Issue[] = [];
  const seen = new Map<string, string>();
  navigation.forEach((group: { id?: unknown; entities?: unknown }, g) => {
    if (!Array.isArray(group.entities)) return;
    group.entities.forEach((entity: unknown, i) => {
      if (typeof entity !== 'string') return;
      const pointer = `/navigation/${g}/entities/${i}`;
      if (!listed.includes(entity)) issues.push({ pointer, message: `navigation group "${String(group.id)}" lists "${entity}", which is not in "entities"` });
      else if (seen.has(entity)) issues.push({ pointer, message: `"${entity}" is already in navigation group "${seen.get(entity)}"` });
      else seen.set(entity, String(group.id));
    });
  });
  return issues;
}
