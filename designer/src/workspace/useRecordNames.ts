/**
 * The names of records that lists only link to (My work's notifications and reminders):
 * one `choices?ids=` read per entity, only the records the reader may see; with each
 * entity's name from the workspace navigation.
 */
import { useEffect, useState } from 'react';
import type { Labels } from '../model/pack-types.js';
import { useNavigationGroups } from './useNavigationGroups.js';
import { workspaceApi } from './workspace-api.js';

export interface RecordName {
  title?: string;
  entityLabels?: Labels;
  createdAt?: string;
}

/** `entity/id` → what names the record (an empty entry until read, or when it cannot be seen). */
export function useRecordNames(links: { entity: string; id: string }[]): Map<string, RecordName> {
  const groups = useNavigationGroups();
  const [titles, setTitles] = useState<Map<string, { title?: string; createdAt: string }>>(new Map());
  const wanted = [...new Set(links.map((l) => `${l.entity}/${l.id}`))].sort().join(',');
  useEffect(() => {
    const byEntity = new Map<string, string[]>();
    for (const key of wanted ? wanted.split(',') : []) {
      const [entity = '', id = ''] = key.split('/');
      byEntity.set(entity, [...(byEntity.get(entity) ?? []), id]);
    }
    const abort = new AbortController();
    const reads = [...byEntity].flatMap(([entity, ids]) => {
      const chunks: string[][] = [];
      for (let i = 0; i < ids.length; i += 50) chunks.push(ids.slice(i, i + 50));
      return chunks.map((chunk) => workspaceApi.choices(entity, { ids: chunk }, abort.signal).then((page) => page.items));
    });
    Promise.all(reads)
      .then((pages) => setTitles(new Map(pages.flat().map((r) => [`${r.entity}/${r.id}`, { ...(r.title ? { title: r.title } : {}), createdAt: r.createdAt }]))))
      .catch(() => undefined); // rows then name only the kind of record
    return () => abort.abort();
  }, [wanted]);
  const entityLabels = new Map(groups?.flatMap((g) => g.entities.map((e) => [e.entity, e.labels] as const)) ?? []);
  return new Map(
    links.map((l) => {
      const key = `${l.entity}/${l.id}`;
      const labels = entityLabels.get(l.entity);
      return [key, { ...titles.get(key), ...(labels ? { entityLabels: labels } : {}) }];
    }),
  );
}
