/**
 * Records of another entity matching what the user typed, for a reference picker: the
 * entity's definition says which field names a record (fetched once per entity).
 */
import { useEffect, useState } from 'react';
import { escapeRegex } from './condition-filter.js';
import { recordTitle, titleField } from './pipeline-model.js';
import { workspaceApi, type Definition } from './workspace-api.js';

export interface RefOption {
  id: string;
  title: string;
}

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


/** Up to 10 records of `entity` whose name contains `text`, and the title of `selected`. */
export function useRefOptions(entity: string, text: string, selected: string | undefined) {
  const [options, setOptions] = useState<RefOption[]>([]);
  const [selectedTitle, setSelectedTitle] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void definitionOf(entity)
        .then(async ({ schema }) => {
          const key = titleField(schema);
          const filter = text.trim() ? { [`data.${key}`]: { $regex: escapeRegex(text.trim().normalize('NFC')), $options: 'i' } } : {};
          const page = await workspaceApi.list(entity, { filter, sort: { updatedAt: -1 }, limit: 10, skip: 0 });
          if (live) setOptions(page.items.map((r) => ({ id: r.id, title: recordTitle(schema, r.data, r.id) })));
        })
        .catch(() => undefined); // no suggestions; the id can still be typed
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [entity, text]);
  useEffect(() => {
    let live = true;
    setSelectedTitle(undefined);
    if (selected)
      void Promise.all([definitionOf(entity), workspaceApi.get(entity, selected)])
        .then(([{ schema }, record]) => live && setSelectedTitle(recordTitle(schema, record.data, record.id)))
        .catch(() => undefined); // an unknown id shows as typed
    return () => {
      live = false;
    };
  }, [entity, selected]);
  return { options, selectedTitle };
}
