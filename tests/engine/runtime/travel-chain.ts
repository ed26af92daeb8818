/**
 * The travel CRM pack on a real engine (embedded store, fresh directory, effects driven
 * by hand), and the chain of one sale seeded record by record: account → opportunity →
 * quote → contract → payment → traveller → tour (and the tour's product).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefinitionRepository } from '../../../engine/definitions/definition-repository.js';
import { formatIssues, loadPack } from '../../../engine/definitions/load-pack.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';
import { createEngine } from '../../../engine/runtime/create-engine.js';
import type { Engine } from '../../../engine/runtime/engine-port.js';
import { openEmbeddedStore } from '../../../engine/store/embedded-store.js';
import type { Store } from '../../../engine/store/store.js';

export const TRAVEL_CRM = path.resolve(import.meta.dirname, '../../../definitions/travel-crm');

export interface TravelEngine {
  engine: Engine;
  store: Store;
  close(): Promise<void>;
}

/** The engine over the travel CRM pack, with the pack's record views; `wrapStore` sees every store call. */
export async function openTravelEngine(wrapStore: (store: Store) => Store = (s) => s): Promise<TravelEngine> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourflow-related-'));
  const registry = new Registry();
  registerBuiltins(registry);
  const store = await openEmbeddedStore({ dir });
  const loaded = await loadPack(TRAVEL_CRM, registry);
  if (!loaded.ok) throw new Error(formatIssues(loaded.issues));
  const definitions = new DefinitionRepository(store);
  await definitions.installPack(loaded.pack, 'system:test');
  const engine = await createEngine({
    store: wrapStore(store),
    registry,
    definitions,
    recordViews: loaded.pack.recordViews,
    outbox: { autoStart: false },
  });
  return {
    engine,
    store,
    async close() {
      await engine.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The ids of one sale's records. */
export interface Chain {
  product: string;
  tour: string;
  account: string;
  opportunity: string;
  quote: string;
  contract: string;
  payment: string;
  traveller: string;
}

const SALES = 'user:sales.minh';

/**
 * Seed one sale through `engine.create`, each record pointing at the one before it.
 * @example const chain = await seedChain(engine);
 */
export async function seedChain(engine: Engine, name = 'Nguyễn Văn An'): Promise<Chain> {
  const create = async (entity: string, data: Record<string, unknown>) => (await engine.create(entity, { data }, SALES)).id;
  const product = await create('product', { code: 'HL-3N2D', name: 'Hạ Long du thuyền 3N2Đ', kind: 'tour', tourType: 'cruise' });
  const tour = await create('tour', { code: 'HL-20270312', name: 'Hạ Long 3N2Đ – đoàn 12/03', productId: product, departureDate: '2027-03-12' });
  const account = await create('account', { kind: 'individual', name, interests: ['Hạ Long', 'Sa Pa'] });
  const trip = { accountId: account, productId: product, tourId: tour, travellerCount: 3 };
  const opportunity = await create('opportunity', { title: 'Hạ Long cho gia đình', ...trip, departureDate: '2027-03-12' });
  const quote = await create('quote', {
    title: 'Báo giá Hạ Long',
    opportunityId: opportunity,
    ...trip,
    lines: [{ productId: product, quantity: 3, unitPrice: 4_590_000, amount: 13_770_000 }],
  });
  const contract = await create('contract', { title: 'Hợp đồng Hạ Long', opportunityId: opportunity, quoteId: quote, ...trip, totalValue: 13_770_000 });
  const payment = await create('payment', { title: 'Đặt cọc', kind: 'receipt', amount: 5_000_000, contractId: contract, accountId: account, tourId: tour });
  const traveller = await create('traveller', { fullName: 'Lê Thị Hoa', contractId: contract, tourId: tour, accountId: account });
  return { product, tour, account, opportunity, quote, contract, payment, traveller };
}
