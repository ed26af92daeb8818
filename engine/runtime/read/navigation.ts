/**
 * The workspace's navigation: the packs' groups of entities (pack.json `navigation`) in
 * the order of the business, each entity with its labels; an entity no pack places (one an
 * admin created) joins the group its schema names (`x-group`), else comes last under
 * "Other". Archived entities (`x-archived`) are left out: they take no new work.
 */
import type { EntityDefinition, Labels, NavigationGroup } from '../../definitions/definition.js';
import { isRecord } from '../../definitions/json-pointer.js';

export interface NavigationView {
  groups: { id: string; labels: Labels; entities: { entity: string; labels?: Labels }[] }[];
}

const OTHER: Labels = { vi: 'Khác', en: 'Other' };

function labelsOf(definition: EntityDefinition | undefined): Labels | undefined {
  const labels = isRecord(definition?.schema) ? definition.schema['x-labels'] : undefined;
  return isRecord(labels) && typeof labels.vi === 'string' && typeof labels.en === 'string' ? { vi: labels.vi, en: labels.en } : undefined;
}

/**
 * @example navigationView([{ id: 'sales', labels, entities: ['lead'] }], await definitions.listLatest())
 */
export function navigationView(groups: NavigationGroup[], all: EntityDefinition[]): NavigationView {
  const definitions = all.filter((d) => d.schema['x-archived'] !== true);
  const byEntity = new Map(definitions.map((d) => [d.entity, d]));
  const placed = new Set<string>();
  const joining = (group: string) => definitions.filter((d) => d.schema['x-group'] === group && !groups.some((g) => g.entities.includes(d.entity))).map((d) => d.entity);
  const entry = (entity: string) => {
    placed.add(entity);
    const labels = labelsOf(byEntity.get(entity));
    return { entity, ...(labels ? { labels } : {}) };
  };
  const out: NavigationView['groups'] = groups
    .map((group) => ({ id: group.id, labels: group.labels, entities: [...group.entities, ...joining(group.id)].filter((e) => byEntity.has(e) && !placed.has(e)).map(entry) }))
    .filter((group) => group.entities.length > 0);
  const rest = definitions.map((d) => d.entity).filter((entity) => !placed.has(entity));
  if (rest.length > 0) out.push({ id: 'other', labels: OTHER, entities: rest.map(entry) });
  return { groups: out };
}
