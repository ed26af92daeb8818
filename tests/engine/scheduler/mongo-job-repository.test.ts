import { randomUUID } from 'node:crypto';
import { MongoBackend } from '@agendajs/mongo-backend';
import { MongoClient } from 'mongodb';
import { describe } from 'vitest';
import { jobRepositoryContract } from './job-repository-contract.js';

const url = process.env.MONGODB_URL;

// The same behaviour cases as the embedded backend, against @agendajs/mongo-backend. Runs
// only when MONGODB_URL is set (no MongoDB server can be installed on the development
// machines), e.g. MONGODB_URL='mongodb://localhost:27017/?replicaSet=rs0' npx vitest run tests/engine/scheduler
describe.skipIf(!url)('mongodb backend', () => {
  jobRepositoryContract('@agendajs/mongo-backend', async () => {
    const client = await new MongoClient(url ?? '').connect();
    const db = client.db(`tourflow_agenda_${process.pid}_${randomUUID().slice(0, 8)}`);
    return {
      backend: new MongoBackend({ mongo: db }),
      sibling: () => new MongoBackend({ mongo: db }),
      async cleanup() {
        await db.dropDatabase();
        await client.close();
      },
    };
  });
});
