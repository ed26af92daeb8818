/**
 * A `chore` entity saved through the engine (as the designer would) for the reminder
 * status tests: a compound stage whose reminders fire at once (`nudge`), in an hour
 * (`later`), in a day (`tomorrow`), or send an event (`auto`, not meant for people), and
 * a child stage with a reminder of its own.
 */
import type { EntitySchema, MachineConfig } from '../../../engine/definitions/definition.js';

const l = (en: string, vi = `${en} (vi)`) => ({ en, vi });
const notify = (to: string, en: string, vi?: string) => ({ type: 'notify' as const, to, message: l(en, vi) });

export const NUDGE = l('Chase the customer', 'Liên hệ lại khách');

export const choreSchema: EntitySchema = {
  type: 'object',
  'x-labels': l('Chore', 'Việc vặt'),
  required: ['title'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, 'x-labels': l('Title', 'Tiêu đề') },
    touches: { type: 'integer', 'x-labels': l('Touches', 'Số lần liên hệ') },
  },
};

/** `nudge` fires after `nudgeAfter` (default a tenth of a second). */
export function choreMachine(nudgeAfter = 'PT0.1S'): MachineConfig {
  return {
    id: 'chore',
    initial: 'open',
    meta: { events: { WARM: l('Warm up'), CLOSE: l('Close'), REOPEN: l('Reopen'), TOUCH: l('Touch') } },
    states: {
      open: {
        initial: 'fresh',
        meta: {
          labels: l('Open', 'Đang mở'),
          reminders: [
            { id: 'nudge', after: nudgeAfter, do: notify('owner', NUDGE.en, NUDGE.vi) },
            { id: 'later', after: 'PT1H', do: notify('owner', 'Call back within the hour') },
            { id: 'tomorrow', after: 'P1D', do: notify('owner', 'A day in the stage') },
            { id: 'auto', after: 'PT30M', do: { type: 'send', event: 'CLOSE' } },
          ],
        },
        states: {
          fresh: { meta: { labels: l('Fresh', 'Mới') }, on: { WARM: 'warm' } },
          warm: {
            meta: {
              labels: l('Warm', 'Đã quan tâm'),
              reminders: [{ id: 'warmNudge', after: 'PT0.1S', do: notify('owner', 'Warm: propose a date') }],
            },
          },
        },
        on: {
          CLOSE: 'closed',
          TOUCH: { actions: [{ type: 'incrementField', params: { field: 'touches' } }] },
        },
      },
      closed: { meta: { labels: l('Closed', 'Đã đóng') }, on: { REOPEN: 'open' } },
    },
  };
}
