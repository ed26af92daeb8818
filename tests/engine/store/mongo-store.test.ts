import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describe } from 'vitest';
import { openMongoStore } from '../../../engine/store/mongo-store.js';
import { storeContract } from './store-contract.js';

const url = process.env.MONGODB_URL;

// Runs only when MONGODB_URL points at a replica set (transactions need one), e.g.
// MONGODB_URL='mongodb://localhost:27017/?replicaSet=rs0' npx vitest run tests/engine/store
// No MongoDB server can be installed on the development machines, so it is skipped there.
describe.skipIf(!url)('mongodb adapter', () => {
  storeContract('mongodb', async () => {
    const target = url ?? '';
    // A database per test, dropped afterwards, so runs never see each other's data.
    const dbName = `tourflow_test_${process.pid}_${randomUUID().slice(0, 8)}`;
    let store = await openMongoStore({ url: target, dbName });
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await openMongoStore({ url: target, dbName });
        return store;
      },
      cleanup: async () => {
        await store.close();
        const client = new MongoClient(target);
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  });
});
