/** Built-in data actions on list fields. */
import type { DataActionDefinition } from '../../../plugins/contract.js';
import { readField } from '../field-path.js';

/**
 * Append one item to a list field: a fixed value, or a value of the event (a whole
 * `payload`, or `payload.item`). The schema then validates the item like any other data.
 * @example { "type": "appendItem", "params": { "field": "incidents", "fromEvent": "payload" } }
 */
const appendItem: DataActionDefinition<{ field: string; value?: unknown; fromEvent?: string }> = {
  kind: 'data',
  description:
    "Append an item to a list field: a fixed value, or a value of the event ('payload', 'payload.item').",
  paramsSchema: {
    type: 'object',
    required: ['field'],
    additionalProperties: false,
    oneOf: [{ required: ['value'] }, { required: ['fromEvent'] }],
    properties: {
      field: { type: 'string', minLength: 1 },
      value: {},
      fromEvent: { type: 'string', minLength: 1 },
    },
  },
  apply({ data, event }, { field, value, fromEvent }) {
    const item = fromEvent === undefined ? value : readField({ ...event }, fromEvent);
    // An event without the item appends nothing rather than a hole in the list.
    if (item === undefined) return {};
    const current = data[field];
    return { [field]: [...(Array.isArray(current) ? (current as unknown[]) : []), item] };
  },
};

export const itemActions = { appendItem };
