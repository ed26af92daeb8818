/**
 * What a reference picker shows: records of another entity whose name contains what the
 * user typed (asked of the API's choices route, ignoring case and Vietnamese marks), the
 * name of the current value, and the entity's name (its definition is fetched once).
 */
import { useEffect, useState } from 'react';
import type { Labels } from '../model/pack-types.js';
import type { RecordSummary } from './related-api.js';
import { workspaceApi, type Definition } from './workspace-api.js';

const definitions = new Map<string, Promise<Definition>>();

function definitionOf(entity: string): Promise<Definition> {
  let found = definitions.get(entity);
  if (!found) {
    found = workspaceApi.definition(entity);
    found.catch(() => definitions.delete(entity));
    definitions.set(entity, found);
  }
  return found;
}

/** The vi/en name of an entity (undefined until its definition is read, or when it cannot be). */
export function useEntityLabels(entity: string): Labels | undefined {
  const [entityLabels, setEntityLabels] = useState<Labels | undefined>();
  useEffect(() => {
    let live = true;
    void definitionOf(entity)
      .then((d) => live && setEntityLabels(d.schema['x-labels']))
      .catch(() => undefined); // the picker then names the entity by its key
    return () => {
      live = false;
    };
  }, [entity]);
  return entityLabels;
}

export type Selected = { status: 'none' } | { status: 'loading'; id: string } | { status: 'found'; record: RecordSummary } | { status: 'hidden'; id: string };

/**
 * Up to 10 records of `entity` matching `text` (searched while `open`; the chosen record's
 * own name lists the latest records instead), and what `selected` is.
 */
export function useRefOptions(entity: string, text: string, selected: string | undefined, open: boolean, nameOf: (record: RecordSummary) => string) {
  const [options, setOptions] = useState<RecordSummary[] | undefined>();
  const [searching, setSearching] = useState(false);
  const [current, setCurrent] = useState<Selected>({ status: 'none' });
  const chosenName = current.status === 'found' ? nameOf(current.record) : undefined;
  const query = text === chosenName ? '' : text.trim();
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setSearching(true);
    const timer = setTimeout(() => {
      workspaceApi
        .choices(entity, { q: query, limit: 10 }, controller.signal)
        .then((page) => {
          setOptions(page.items);
          setSearching(false);
        })
        .catch(() => undefined); // keep the last suggestions
    }, 150);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [entity, query, open]);
  useEffect(() => {
    if (!selected) return setCurrent({ status: 'none' });
    if (current.status === 'found' && current.record.id === selected) return;
    const known = options?.find((o) => o.id === selected);
    if (known) return setCurrent({ status: 'found', record: known });
    const controller = new AbortController();
    setCurrent({ status: 'loading', id: selected });
    workspaceApi
      .choices(entity, { ids: [selected] }, controller.signal)
      .then(({ items: [found] }) => setCurrent(found ? { status: 'found', record: found } : { status: 'hidden', id: selected }))
      .catch(() => undefined);
    return () => controller.abort();
  }, [entity, selected]);
  return { options, searching, current };
}
