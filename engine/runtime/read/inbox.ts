/**
 * The in-app inbox: the notifications the `notify` effect delivered to a user (collection
 * `notifications`, written by ./effect-context.ts), read and marked read. Reminders and
 * recurring jobs reach it through that same effect; channels (email, SMS) will too.
 */
import type { Labels } from '../../definitions/definition.js';
import { UserError } from '../../errors.js';
import type { Store, WriteOp } from '../../store/store.js';
import { NOTIFICATIONS } from '../../collections.js';

/** One notification as stored. */
interface NotificationDoc {
  _id: string;
  user: string;
  message: Labels;
  link?: { entity: string; id: string };
  read: boolean;
  readAt?: string;
  createdAt: string;
  [field: string]: unknown;
}

/** One notification as the API returns it. */
export interface InboxItem {
  id: string;
  message: Labels;
  link?: { entity: string; id: string };
  read: boolean;
  readAt?: string;
  createdAt: string;
}

export interface InboxPage {
  items: InboxItem[];
  /** Notifications matching the query. */
  total: number;
  /** Unread notifications of the user, whatever the query. */
  unread: number;
}

export interface InboxQueries {
  /** A user's notifications, unread first, newest first within each. */
  listInbox(user: string, query: { limit: number; skip: number; unreadOnly?: boolean }): Promise<InboxPage>;
  /** Mark one of the user's notifications read (idempotent). Throws `not-found` for anyone else's. */
  markInboxRead(user: string, id: string): Promise<InboxItem>;
  /** Mark every unread notification of the user read; resolves with how many changed. */
  markAllInboxRead(user: string): Promise<{ marked: number }>;
}

function toItem(doc: NotificationDoc): InboxItem {
  return {
    id: doc._id,
    message: doc.message,
    ...(doc.link ? { link: doc.link } : {}),
    read: doc.read,
    ...(doc.readAt ? { readAt: doc.readAt } : {}),
    createdAt: doc.createdAt,
  };
}

/**
 * @example
 * const inbox = inboxQueries(store);
 * const { items, unread } = await inbox.listInbox('user:lan', { limit: 20, skip: 0 });
 */
export function inboxQueries(store: Store): InboxQueries {
  let indexed: Promise<void> | undefined;
  const ready = () => (indexed ??= store.ensureIndex(NOTIFICATIONS, ['user']));

  return {
    async listInbox(user, { limit, skip, unreadOnly }) {
      await ready();
      const filter = unreadOnly ? { user, read: false } : { user };
      const [docs, total, unread] = await Promise.all([
        store.find<NotificationDoc>(NOTIFICATIONS, filter, { sort: { read: 1, createdAt: -1, _id: 1 }, limit, skip }),
        store.count(NOTIFICATIONS, filter),
        store.count(NOTIFICATIONS, { user, read: false }),
      ]);
      return { items: docs.map(toItem), total, unread };
    },

    async markInboxRead(user, id) {
      await ready();
      const doc = await store.get<NotificationDoc>(NOTIFICATIONS, id);
      // Someone else's notification is as absent as a missing one: nothing leaks.
      if (!doc || doc.user !== user) throw new UserError('not-found', `There is no notification ${id} in your inbox`);
      if (doc.read) return toItem(doc);
      const read: NotificationDoc = { ...doc, read: true, readAt: new Date().toISOString() };
      await store.commit([{ op: 'put', collection: NOTIFICATIONS, doc: read }]);
      return toItem(read);
    },

    async markAllInboxRead(user) {
      await ready();
      const unread = await store.find<NotificationDoc>(NOTIFICATIONS, { user, read: false });
      const readAt = new Date().toISOString();
      const ops: WriteOp[] = unread.map((doc) => ({ op: 'put', collection: NOTIFICATIONS, doc: { ...doc, read: true, readAt } }));
      await store.commit(ops);
      return { marked: unread.length };
    },
  };
}
