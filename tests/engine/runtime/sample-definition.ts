/** A small definition built in code for the runtime's pure tests. */
import type { EntityDefinition } from '../../../engine/definitions/definition.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';
import { compileDefinition } from '../../../engine/runtime/core/compiled-definition.js';

const l = (en: string) => ({ en, vi: `${en} (vi)` });

export const ticketDefinition: EntityDefinition = {
  entity: 'ticket',
  pack: 'test',
  version: 1,
  hash: 'x',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'system:test',
  schema: {
    type: 'object',
    'x-labels': l('Ticket'),
    additionalProperties: false,
    required: ['title'],
    properties: {
      title: { type: 'string', minLength: 1, 'x-labels': l('Title') },
      amount: { type: 'number', minimum: 0, 'x-labels': l('Amount') },
      touches: { type: 'integer', 'x-labels': l('Touches') },
      closedAt: { type: 'string', 'x-labels': l('Closed at') },
      reason: { type: 'string', 'x-labels': l('Reason') },
    },
  },
  machine: {
    id: 'ticket',
    initial: 'open',
    meta: { events: { START: l('Start'), TOUCH: l('Touch'), FINISH: l('Finish'), DROP: l('Drop') } },
    states: {
      open: {
        meta: { labels: l('Open') },
        after: { P2D: { target: 'dropped' } },
        on: {
          START: { target: 'working' },
          DROP: { target: 'dropped', guard: { type: 'fieldsPresent', params: { fields: ['reason'] } } },
        },
      },
      working: {
        meta: {
          labels: l('Working'),
          requiredFields: ['amount'],
          activities: [
            { id: 'call', type: 'call', title: l('Call'), required: true },
            { id: 'mail', type: 'email', title: l('Mail') },
          ],
        },
        after: { 60000: { target: 'open' } },
        on: {
          TOUCH: { actions: [{ type: 'incrementField', params: { field: 'touches', by: 1 } }] },
          FINISH: [
            {
              target: 'done',
              guard: { type: 'fieldCompare', params: { field: 'amount', op: 'gt', value: 100 } },
              actions: [
                { type: 'setField', params: { field: 'closedAt', now: true } },
                { type: 'notify', params: { to: 'owner', message: l('Done') } },
              ],
            },
          ],
        },
      },
      done: { type: 'final', meta: { labels: l('Done') } },
      dropped: { type: 'final', meta: { labels: l('Dropped') } },
    },
  },
};

export function compiledTicket() {
  const registry = new Registry();
  registerBuiltins(registry);
  return { registry, compiled: compileDefinition(ticketDefinition, registry) };
}
