/**
 * Related records: what a record points to through its x-ref fields, what points to it,
 * and the record views pack.json declares, on the travel CRM pack (a generic engine
 * query: the pack only supplies the x-ref fields and the views).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordDoc } from '../../../engine/runtime/core/record.js';
import type { Store } from '../../../engine/store/store.js';
import { openTravelEngine, seedChain, type TravelEngine } from './travel-chain.js';

let t: TravelEngine | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const SALES = 'user:sales.minh';

describe('relatedRecords', () => {
  it('lists what points at an account, grouped by entity and field, with titles and stage labels', async () => {
    t = await openTravelEngine();
    const chain = await seedChain(t.engine);
    const related = await t.engine.relatedRecords('account', chain.account);
    const groups = related.incoming.filter((g) => g.total > 0).map((g) => [g.entity, g.field, g.total, g.items.map((i) => i.id)]);
    expect(groups).toEqual([
      ['contract', 'accountId', 1, [chain.contract]],
      ['opportunity', 'accountId', 1, [chain.opportunity]],
      ['payment', 'accountId', 1, [chain.payment]],
      ['quote', 'accountId', 1, [chain.quote]],
      ['traveller', 'accountId', 1, [chain.traveller]],
    ]);
    // Every entity with a reference to account is there, even with nothing in it yet.
    expect(related.incoming.map((g) => g.entity)).toEqual(expect.arrayContaining(['care-task', 'case', 'contact', 'sales-activity']));
    const contracts = related.incoming.find((g) => g.entity === 'contract');
    expect(contracts).toMatchObject({
      entityLabels: { vi: 'Hợp đồng', en: 'Contract' },
      fieldLabels: { en: 'Account' },
      items: [{ entity: 'contract', title: 'Hợp đồng Hạ Long', stage: 'draft', stageLabels: { vi: 'Soạn thảo', en: 'Draft' }, status: 'active', owner: SALES }],
    });
  });

  it('lists and counts only what the reader may see, in groups and in views', async () => {
    t = await openTravelEngine();
    const chain = await seedChain(t.engine);
    // Someone else's contract for the same account: out of sight for a reader scoped to SALES.
    await t.engine.create('contract', { data: { title: 'Hợp đồng khác', accountId: chain.account } }, 'user:sales.huong');
    const everything = await t.engine.relatedRecords('account', chain.account);
    const scope = () => Promise.resolve({ $or: [{ owner: { $in: [SALES] } }, { owner: { $exists: false } }] });
    const scoped = await t.engine.relatedRecords('account', chain.account, { scope });
    const contracts = (r: typeof everything) => r.incoming.find((g) => g.entity === 'contract');
    expect([contracts(everything)?.total, contracts(scoped)?.total]).toEqual([2, 1]);
    expect(contracts(scoped)?.items.map((i) => i.id)).toEqual([chain.contract]);
    const history = (r: typeof everything) => r.views.find((v) => v.id === 'transactionHistory');
    expect([history(everything)?.total, history(scoped)?.total]).toEqual([2, 1]);
  });

  it('lists what a record points to, each reference with the record it names, and marks a dangling one', async () => {
    t = await openTravelEngine();
    const chain = await seedChain(t.engine);
    const related = await t.engine.relatedRecords('contract', chain.contract);
    expect(related.outgoing.map((r) => [r.field, r.entity, r.id, r.record?.title])).toEqual([
      ['accountId', 'account', chain.account, 'Nguyễn Văn An'],
      ['opportunityId', 'opportunity', chain.opportunity, 'Hạ Long cho gia đình'],
      ['quoteId', 'quote', chain.quote, 'Báo giá Hạ Long'],
      ['productId', 'product', chain.product, 'Hạ Long du thuyền 3N2Đ'],
      ['tourId', 'tour', chain.tour, 'Hạ Long 3N2Đ – đoàn 12/03'],
    ]);
    // A reference to a record of another entity, or to none, names no record.
    const stray = await t.engine.create('traveller', { data: { fullName: 'Trần Bình', tourId: chain.account, contractId: 'gone' } }, SALES);
    const strayRefs = (await t.engine.relatedRecords('traveller', stray.id)).outgoing;
    expect(strayRefs.map((r) => [r.field, r.id, r.record])).toEqual([
      ['contractId', 'gone', undefined],
      ['tourId', chain.account, undefined],
    ]);
  });

  it('finds references inside array items (quote lines pointing at a product)', async () => {
    t = await openTravelEngine();
    const chain = await seedChain(t.engine);
    const related = await t.engine.relatedRecords('product', chain.product);
    const groups = related.incoming.filter((g) => g.total > 0).map((g) => `${g.entity}.${g.field}`);
    expect(groups).toEqual(expect.arrayContaining(['quote.lines.productId', 'quote.productId', 'contract.productId', 'tour.productId']));
    expect(related.incoming.find((g) => g.field === 'lines.productId')?.items.map((i) => i.id)).toEqual([chain.quote]);
  });

  it('gives the first `limit` of a group, newest first, and the total', async () => {
    t = await openTravelEngine();
    const chain = await seedChain(t.engine);
    const ids: string[] = [chain.opportunity];
    for (let i = 0; i < 6; i++) {
      ids.push((await t.engine.create('opportunity', { data: { title: `Chuyến ${i}`, accountId: chain.account } }, SALES)).id);
    }
    const related = await t.engine.relatedRecords('account', chain.account, { limit: 4 });
    const group = related.incoming.find((g) => g.entity === 'opportunity');
    expect(group?.total).toBe(7);
    expect(group?.items.map((i) => i.id)).toEqual(ids.reverse().slice(0, 4));
  });

  it('fills the account views of pack.json: transaction history through x-refs and the interest list', async () => {
    t = await openTravelEngine();
    const chain = await seedChain(t.engine);
    const [history, interests] = (await t.engine.relatedRecords('account', chain.account)).views;
    expect(history).toMatchObject({ id: 'transactionHistory', entity: 'contract', link: 'accountId', total: 1, labels: { en: 'Transaction history' } });
    expect(history?.columns.map((c) => [c.path, c.labels.en, c.field?.format ?? c.field?.['x-widget'] ?? null])).toEqual([
      ['productId.name', 'Tour name', null],
      ['productId.tourType', 'Tour type', null],
      ['tourId.departureDate', 'Departure date', 'date'],
      ['travellerCount', 'Travellers', null],
      ['totalValue', 'Contract value (VND)', 'money'],
      ['$stage', 'Stage', null],
    ]);
    expect(history?.rows.map((r) => r.id)).toEqual([chain.contract]);
    expect(history?.rows[0]?.cells).toEqual([
      { value: 'Hạ Long du thuyền 3N2Đ', ref: { entity: 'product', id: chain.product, title: 'Hạ Long du thuyền 3N2Đ' } },
      { value: 'cruise', labels: { vi: 'Du thuyền', en: 'Cruise' }, ref: { entity: 'product', id: chain.product, title: 'Hạ Long du thuyền 3N2Đ' } },
      { value: '2027-03-12', ref: { entity: 'tour', id: chain.tour, title: 'Hạ Long 3N2Đ – đoàn 12/03' } },
      { value: 3 },
      { value: 13_770_000 },
      { value: 'draft', labels: { vi: 'Soạn thảo', en: 'Draft' } },
    ]);
    expect(interests).toMatchObject({
      id: 'interestList',
      entity: 'opportunity',
      total: 1,
      fields: [{ field: 'interests', labels: { en: 'Interest list' }, value: ['Hạ Long', 'Sa Pa'] }],
    });
    expect(interests?.rows[0]?.cells.map((c) => c.value)).toEqual(['Hạ Long du thuyền 3N2Đ', 'cruise', '2027-03-12', 3, expect.any(String), 'open.needsSurvey']);
    // Views belong to the entity that declares them.
    expect((await t.engine.relatedRecords('contract', chain.contract)).views).toEqual([]);
  });

  it('leaves a cell empty when a reference names nothing', async () => {
    t = await openTravelEngine();
    const chain = await seedChain(t.engine);
    await t.engine.create('contract', { data: { title: 'Chưa chọn tour', accountId: chain.account, productId: 'missing' } }, SALES);
    const [history] = (await t.engine.relatedRecords('account', chain.account)).views;
    expect(history?.total).toBe(2);
    expect(history?.rows[0]).toMatchObject({ title: 'Chưa chọn tour', cells: [{}, {}, {}, {}, {}, { value: 'draft' }] });
  });

  it('refuses an unknown entity, a missing record and a record of another entity', async () => {
    t = await openTravelEngine();
    const chain = await seedChain(t.engine);
    await expect(t.engine.relatedRecords('galaxy', chain.account)).rejects.toMatchObject({ code: 'unknown-entity' });
    await expect(t.engine.relatedRecords('account', 'nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(t.engine.relatedRecords('account', chain.contract)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('indexes the reference fields it queries, and stays fast with many records', async () => {
    const indexed: string[] = [];
    t = await openTravelEngine((store): Store => ({
      ...store,
      kind: store.kind,
      get: (c, id) => store.get(c, id),
      find: (c, f, o) => store.find(c, f, o),
      count: (c, f) => store.count(c, f),
      aggregate: (c, p) => store.aggregate(c, p),
      commit: (ops) => store.commit(ops),
      close: () => store.close(),
      ensureIndex: (c, fields) => {
        if (c === 'records') indexed.push(...fields);
        return store.ensureIndex(c, fields);
      },
    }));
    const chain = await seedChain(t.engine);
    // 20 000 contracts and payments of other accounts, written straight to the store.
    const contract = (await t.store.get<RecordDoc>('records', chain.contract)) as RecordDoc;
    const payment = (await t.store.get<RecordDoc>('records', chain.payment)) as RecordDoc;
    const others = Array.from({ length: 20_000 }, (_, i) => {
      const base = i % 2 === 0 ? contract : payment;
      return { op: 'insert' as const, collection: 'records', doc: { ...base, _id: `other-${i}`, data: { ...base.data, accountId: `account-${i % 500}` } } };
    });
    await t.store.commit(others);

    await t.engine.relatedRecords('account', chain.account);
    expect(indexed).toEqual(expect.arrayContaining(['data.accountId']));
    const started = performance.now();
    const related = await t.engine.relatedRecords('account', chain.account);
    const elapsed = performance.now() - started;
    expect(related.incoming.find((g) => g.entity === 'contract')?.total).toBe(1);
    expect(related.views[0]?.total).toBe(1);
    // Without the indexes each query reads every contract or payment (about 0.5 s here); with them, a few ms.
    expect(elapsed).toBeLessThan(150);
  });
});
