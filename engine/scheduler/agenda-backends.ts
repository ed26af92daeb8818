/**
 * The two Agenda backends (DESIGN.md decision 5): ours over the tourflow Store by
 * default, @agendajs/mongo-backend when MONGODB_URL is set. Both come with an in-process
 * notification channel, so a job saved by this process is locked at once when it is due
 * before the next poll; jobs saved by other processes are found by polling.
 */
import { InMemoryNotificationChannel, type AgendaBackend, type JobRepository, type NotificationChannel } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import { MongoClient } from 'mongodb';
import { mongoDbName } from '../store/mongo-store.js';
import type { Store } from '../store/store.js';
import { StoreJobRepository, type StoreJobRepositoryOptions } from './store-job-repository.js';

/** Agenda's backend over the tourflow Store; the Store is opened and closed by its owner. */
export class StoreAgendaBackend implements AgendaBackend {
  readonly name = 'tourflow-store';
  readonly ownsConnection = false;
  readonly notificationChannel: NotificationChannel = new InMemoryNotificationChannel();
  readonly repository: StoreJobRepository;

  constructor(store: Store, options: StoreJobRepositoryOptions = {}) {
    this.repository = new StoreJobRepository(store, options);
  }

  connect(): Promise<void> {
    return this.repository.connect();
  }

  async disconnect(): Promise<void> {
    // The Store belongs to whoever opened it.
  }
}

/** A backend with the handle that closes what it opened. */
export interface OwnedBackend {
  backend: AgendaBackend;
  close(): Promise<void>;
}

/** Collection (MongoDB) of Agenda's jobs, beside the store's collections. */
export const MONGO_AGENDA_JOBS = 'agendaJobs';

/**
 * @agendajs/mongo-backend on its own client to the database the store uses, with the
 * store's durability (majority, journaled).
 */
export async function openMongoAgendaBackend(url: string, dbName?: string): Promise<OwnedBackend> {
  const client = new MongoClient(url, { writeConcern: { w: 'majority', journal: true }, serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const backend = new MongoBackend({ mongo: client.db(dbName ?? mongoDbName(url)), collection: MONGO_AGENDA_JOBS });
  // The in-process channel lets this process pick up its own short timers at once.
  const withChannel: AgendaBackend = {
    name: backend.name,
    get repository(): JobRepository {
      return backend.repository;
    },
    notificationChannel: new InMemoryNotificationChannel(),
    ownsConnection: false,
    connect: () => backend.connect(),
    disconnect: () => backend.disconnect(),
  };
  return { backend: withChannel, close: () => client.close() };
}
