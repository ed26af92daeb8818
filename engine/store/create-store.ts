/**
 * Choose the Store adapter from the environment (DESIGN.md decision 5): MongoDB when
 * MONGODB_URL is set, else the embedded store in DATA_DIR.
 */

import { openEmbeddedStore } from './embedded-store.js';
import type { Store } from './store.js';

/** Where the embedded store keeps its data when DATA_DIR is not set. */
export const DEFAULT_DATA_DIR = './data';

/** The environment variables that pick and configure the store. */
export interface StoreEnv {
  DATA_DIR?: string;
  MONGODB_URL?: string;
}

/**
 * Open the store the environment asks for. An empty variable counts as unset, so
 * `MONGODB_URL=` in an .env file keeps the embedded default.
 *
 * @example
 * const store = await createStore(process.env);
 */
export async function createStore(env: StoreEnv): Promise<Store> {
  // Loaded only for MongoDB: the driver costs an embedded-store process some 40 MB.
  if (env.MONGODB_URL) return (await import('./mongo-store.js')).openMongoStore({ url: env.MONGODB_URL });
  return openEmbeddedStore({ dir: env.DATA_DIR || DEFAULT_DATA_DIR });
}
