/**
 * The timeline entries of a message's step (./messenger.ts): on the recipient, and on the
 * record it is about unless that is one of a bulk send's thousands. Pure.
 */
import type { WriteOp } from '../../../store/store.js';
import type { MessageDoc } from './message-doc.js';
import { EVENTS } from '../../../collections.js';
import type { EventLogDoc } from '../../core/index.js';

/** The recipient entity that names a user (a member of staff), not a record. */
export const STAFF = 'user';

export function messageTimeline(now: Date, message: MessageDoc, type: string, actor: string, bulk: boolean): WriteOp[] {
  // Staff have no timeline: their messages show on the record they are about.
  const recipient = message.recipient?.entity === STAFF ? undefined : message.recipient;
  const targets = [recipient, bulk || (message.recipient && message.about.id === message.recipient.id) ? undefined : message.about].filter(
    (t): t is { entity: string; id: string } => t !== undefined,
  );
  const at = now.toISOString();
  return targets.map((target) => {
    const doc: EventLogDoc = {
      _id: `${message._id}:${type}:${target.id}`,
      recordId: target.id,
      entity: target.entity,
      version: 0,
      type,
      kind: 'message',
      actor,
      at,
      payload: {
        channel: message.channel,
        to: message.to,
        status: message.status,
        ...(message.subject ? { subject: message.subject } : {}),
        ...(message.template ? { template: message.template } : {}),
        ...(message.reason ? { reason: message.reason } : {}),
        ...(target.id === message.recipient?.id ? { about: message.about } : {}),
      },
    };
    return { op: 'put', collection: EVENTS, doc };
  });
}
