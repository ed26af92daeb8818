/**
 * The MongoDB Store adapter: filters, sorts and pipelines go to the official driver
 * unchanged (DESIGN.md decision 4). Commits are multi-document transactions, so the
 * server must be a replica set (a single-node one is enough) or a sharded cluster.
 */

import {
  MongoClient,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import type { ClientSession, Collection, Db, Filter as MongoFilter, UpdateFilter } from 'mongodb';
import { DuplicateKeyError, OperationalError, VersionConflictError, ensureError } from '../errors.js';
import type { Filter, FindOptions, Pipeline, Store, StoredDoc, WriteOp } from './store.js';
import { storedCopy } from './copy.js';

/** Used when neither the options nor the URL name a database. */
const DEFAULT_DB_NAME = 'tourflow';

/** Acknowledged means written to a majority of members and to their journals. */
const DURABLE = { w: 'majority', journal: true } as const;

export interface MongoStoreOptions {
  /** A MongoDB connection string; it may name the database (`mongodb://h/tourflow`). */
  url: string;
  /** Overrides the database named in the URL. */
  dbName?: string;
}

/**
 * Connect to MongoDB and check that it can run transactions.
 *
 * @throws OperationalError `store-unavailable` when the server cannot be reached or is
 *   a standalone server (no transactions).
 * @example
 * const store = await openMongoStore({ url: 'mongodb://localhost:27017/tourflow?replicaSet=rs0' });
 */
export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  let client: MongoClient;
  try {
    client = new MongoClient(options.url, {
      writeConcern: DURABLE,
      readConcern: { level: 'majority' },
      serverSelectionTimeoutMS: 10_000,
    });
  } catch (caught) {
    // The message names what is wrong; the URL itself is left out, it may hold a password.
    const error = ensureError(caught);
    const message = `MONGODB_URL is not a usable connection string: ${error.message}`;
    throw new OperationalError('store-unavailable', message, { cause: error });
  }
  try {
    await client.connect();
    const hello = await client.db('admin').command({ hello: 1 });
    // Only replica set members (setName) and mongos routers support transactions.
    if (hello.setName === undefined && hello.msg !== 'isdbgrid') {
      throw new OperationalError(
        'store-unavailable',
        'MongoDB is a standalone server; the store needs transactions: run it as a replica set (mongod --replSet rs0, then rs.initiate())',
      );
    }
  } catch (caught) {
    await client.close().catch(() => undefined);
    throw toStoreError(caught);
  }
  return new MongoStore(client, client.db(options.dbName ?? dbNameFromUrl(options.url) ?? DEFAULT_DB_NAME));
}

class MongoStore implements Store {
  readonly kind = 'mongodb';

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  get<T extends StoredDoc = StoredDoc>(collection: string, id: string): Promise<T | undefined> {
    return guard(
      async () => ((await this.#collection(collection).findOne({ _id: id })) ?? undefined) as T | undefined,
    );
  }

  find<T extends StoredDoc = StoredDoc>(
    collection: string,
    filter: Filter = {},
    options: FindOptions = {},
  ): Promise<T[]> {
    return guard(async () => {
      const cursor = this.#collection(collection).find(filter as MongoFilter<StoredDoc>);
      if (options.sort !== undefined) cursor.sort(options.sort);
      if (options.skip !== undefined && options.skip > 0) cursor.skip(options.skip);
      if (options.limit !== undefined && options.limit > 0) cursor.limit(options.limit);
      if (options.fields !== undefined) cursor.project(Object.fromEntries(options.fields.map((field) => [field, 1])));
      return (await cursor.toArray()) as T[];
    });
  }

  collections(): Promise<string[]> {
    return guard(async () => {
      const names = (await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
      const held = await Promise.all(names.map(async (name) => ((await this.#collection(name).estimatedDocumentCount()) > 0 ? name : undefined)));
      return held.filter((name): name is string => name !== undefined && !name.startsWith('system.')).sort();
    });
  }

  count(collection: string, filter: Filter = {}): Promise<number> {
    return guard(() => this.#collection(collection).countDocuments(filter as MongoFilter<StoredDoc>));
  }

  aggregate<T = Record<string, unknown>>(collection: string, pipeline: Pipeline): Promise<T[]> {
    return guard(async () => (await this.#collection(collection).aggregate(pipeline).toArray()) as T[]);
  }

  commit(ops: WriteOp[]): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    // Copy now, as the embedded adapter does (the driver serializes on a later turn), and
    // as it stores: without undefined members (./copy.ts).
    const staged = storedCopy(ops);
    return guard(async () => {
      const session = this.client.startSession();
      try {
        // withTransaction retries the whole callback on transient errors (a write
        // conflict with a concurrent commit), so version checks run again on retry.
        await session.withTransaction(
          async () => {
            for (const op of staged) await this.#apply(op, session);
          },
          { writeConcern: DURABLE, readConcern: { level: 'snapshot' } },
        );
      } finally {
        await session.endSession();
      }
    });
  }

  ensureIndex(collection: string, fields: string[]): Promise<void> {
    // One single-field index per field, like the embedded adapter: a compound index over
    // two array fields would make MongoDB reject inserts ("cannot index parallel arrays"),
    // a failure the embedded adapter could never reproduce.
    return guard(async () => {
      for (const field of fields) await this.#collection(collection).createIndex({ [field]: 1 });
    });
  }

  close(): Promise<void> {
    return this.client.close();
  }

  async #apply(op: WriteOp, session: ClientSession): Promise<void> {
    const collection = this.#collection(op.collection);
    switch (op.op) {
      case 'insert':
        try {
          await collection.insertOne(op.doc, { session });
        } catch (caught) {
          // Only the duplicate key is ours to translate; anything else must reach
          // withTransaction unchanged so it can retry transient errors.
          if (caught instanceof MongoServerError && caught.code === 11000) {
            throw new DuplicateKeyError(op.collection, op.doc._id);
          }
          throw caught;
        }
        return;
      case 'put': {
        const id = op.doc._id;
        if (op.expectVersion === undefined) {
          await collection.replaceOne({ _id: id }, op.doc, { session, upsert: true });
          return;
        }
        const result = await collection.replaceOne({ _id: id, version: op.expectVersion }, op.doc, {
          session,
        });
        if (result.matchedCount === 0)
          await this.#conflict(collection, op.collection, id, op.expectVersion, session);
        return;
      }
      case 'inc':
        await collection.updateOne({ _id: op.id }, { $inc: op.by as UpdateFilter<StoredDoc>['$inc'], ...(op.insert ? { $setOnInsert: op.insert } : {}) }, { session, upsert: true });
        return;
      case 'delete': {
        if (op.expectVersion === undefined) {
          await collection.deleteOne({ _id: op.id }, { session });
          return;
        }
        const result = await collection.deleteOne({ _id: op.id, version: op.expectVersion }, { session });
        if (result.deletedCount === 0)
          await this.#conflict(collection, op.collection, op.id, op.expectVersion, session);
        return;
      }
    }
  }

  async #conflict(
    collection: Collection<StoredDoc>,
    name: string,
    id: string,
    expected: number,
    session: ClientSession,
  ): Promise<never> {
    const current = await collection.findOne({ _id: id }, { session, projection: { version: 1 } });
    const actual: unknown = current?.version;
    throw new VersionConflictError(name, id, expected, typeof actual === 'number' ? actual : undefined);
  }

  #collection(name: string): Collection<StoredDoc> {
    return this.db.collection(name);
  }
}

/** Run a driver call, turning "cannot reach MongoDB" into a retryable OperationalError. */
async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (caught) {
    throw toStoreError(caught);
  }
}

function toStoreError(caught: unknown): Error {
  const error = ensureError(caught);
  const unreachable =
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError;
  if (!unreachable) return error;
  return new OperationalError('store-unavailable', `MongoDB is unreachable: ${error.message}`, {
    cause: error,
  });
}

/** The database named in a connection string's path, if any (mongodb://h1,h2/name?opts). */
function dbNameFromUrl(url: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(url);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/**
 * The database the store uses for a connection string: the one it names, else `tourflow`.
 * Other clients of the same deployment (Agenda's backend) use it to sit beside the store.
 */
export function mongoDbName(url: string): string {
  return dbNameFromUrl(url) ?? DEFAULT_DB_NAME;
}
