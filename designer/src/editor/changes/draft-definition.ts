/** A record type only drafted so far, shown as version 0 of a definition (the editor and the list read definitions). */
import type { DefinitionDraft } from '../../api/changes-api.js';
import type { Definition } from '../../api/designer-api.js';

export function draftDefinition(draft: DefinitionDraft): Definition {
  return {
    entity: draft.entity,
    version: 0,
    pack: 'designer',
    schema: draft.schema,
    machine: draft.machine,
    createdAt: draft.savedAt,
    createdBy: draft.savedBy,
  };
}
