/** The pipelines (entities) a user can open in the workspace, with their labels. */
import { useEffect, useState } from 'react';
import { designerApi, type DefinitionListItem } from '../api/designer-api.js';

export function useEntityList(): DefinitionListItem[] {
  const [items, setItems] = useState<DefinitionListItem[]>([]);
  useEffect(() => {
    let live = true;
    designerApi
      .listDefinitions()
      .then((list) => live && setItems(list))
      .catch(() => undefined); // the picker then offers only the current entity
    return () => {
      live = false;
    };
  }, []);
  return items;
}
