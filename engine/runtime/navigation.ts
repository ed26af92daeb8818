/**
 * The workspace's navigation: the packs' groups of entities (pack.json `navigation`) in
 * the order of the business, each entity with its labels; entities in no group (one an
 * admin added, a pack without groups) come last, under "Other".
 */
import type { EntityDefinition, Labels, NavigationGroup } from '../definitions/definition.js';
import { isRecord } from '../definitions/json-pointer.js';

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
export function navigationView(groups: NavigationGroup[], definitions: EntityDefinition[]): NavigationView {
  const byEntity = new Map(definitions.map((d) => [d.entity, d]));
  const placed = new Set<string>();
  const entry = (entity: string) => {
    placed.add(entity);
    const labels = labelsOf(byEntity.get(entity));
    return { entity, ...(labels ? { labels } : {}) };
  };
  const out: NavigationView['groups'] = groups
    .map((group) => ({ id: group.id, labels: group.labels, entities: group.entities.filter((e) => byEntity.has(e) && !placed.has(e)).map(entry) }))
    .filter((group) => group.entities.length > 0);
  const rest = definitions.map((d) => d.entity).filter((entity) => !placed.has(entity));
  if (rest.length > 0) out.push({ id: 'other', labels: OTHER, entities: rest.map(entry) });
  return { groups: out };
}
