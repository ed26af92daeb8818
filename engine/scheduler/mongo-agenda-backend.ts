/**
 * @agendajs/mongo-backend, for a scheduler over MongoDB (MONGODB_URL). Its own module, which
 * ./scheduler.ts imports only then: the MongoDB driver (and the 17 MB buffer its BSON
 * serializer allocates when loaded) stays out of a process on the embedded store.
 */
import { MongoBackend } from '@agendajs/mongo-backend';
import { InMemoryNotificationChannel, type AgendaBackend, type JobRepository } from 'agenda';
import { MongoClient } from 'mongodb';
import { mongoDbName } from '../store/mongo-store.js';
import type { OwnedBackend } from './agenda-backends.js';

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
