/**
 * `recordViews` in pack.json: the travel CRM pack's views load, and a view naming an
 * entity, link, column, sort key or field that does not exist is refused with the file,
 * a JSON pointer into pack.json and what is wrong.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatIssues, loadPack } from '../../../engine/definitions/load-pack.js';
import type { Issue } from '../../../engine/errors.js';
import { Registry } from '../../../engine/plugins/registry.js';
import { registerBuiltins } from '../../../engine/runtime/core/builtins/index.js';
import { TRAVEL_CRM } from '../runtime/travel-chain.js';
import { patchJson, type Changes } from './fixture-packs.js';

const registry = new Registry();
registerBuiltins(registry);
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function issuesWith(changes: Changes): Promise<Issue[]> {
  const dir = await mkdtemp(join(tmpdir(), 'tourflow-views-'));
  dirs.push(dir);
  await cp(TRAVEL_CRM, dir, { recursive: true });
  await patchJson(dir, 'pack.json', changes);
  const result = await loadPack(dir, registry);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues.map(({ file, pointer, message }) => ({ file, pointer, message }));
}

const view = '/recordViews/account/0';

describe('record views in pack.json', () => {
  it('loads the travel CRM views of an account', async () => {
    const result = await loadPack(TRAVEL_CRM, registry);
    if (!result.ok) throw new Error(formatIssues(result.issues));
    const views = result.pack.recordViews.account ?? [];
    expect(views.map((v) => [v.id, v.entity, v.link, v.columns.map((c) => c.path).join(' ')])).toEqual([
      ['transactionHistory', 'contract', 'accountId', 'productId.name productId.tourType tourId.departureDate travellerCount totalValue $stage'],
      ['interestList', 'opportunity', 'accountId', 'productId.name productId.tourType departureDate travellerCount $createdAt $stage'],
    ]);
  });

  it('refuses a link that is not a field, not a reference, or refers to another entity', async () => {
    expect(await issuesWith({ [`${view}/link`]: 'acountId' })).toEqual([
      { file: 'pack.json', pointer: `${view}/link`, message: '"acountId" is not a field of "contract" (fields of "contract" that refer to "account": accountId)' },
    ]);
    expect(await issuesWith({ [`${view}/link`]: 'title' })).toEqual([
      { file: 'pack.json', pointer: `${view}/link`, message: '"title" of "contract" is not a reference (x-ref) field (fields of "contract" that refer to "account": accountId)' },
    ]);
    expect(await issuesWith({ [`${view}/link`]: 'tourId' })).toEqual([
      { file: 'pack.json', pointer: `${view}/link`, message: '"tourId" of "contract" refers to "tour", not to "account" (fields of "contract" that refer to "account": accountId)' },
    ]);
  });

  it('refuses an entity or a view owner that is not in the pack, and a repeated view id', async () => {
    const issues = await issuesWith({
      [`${view}/entity`]: 'contrat',
      '/recordViews/account/1/id': 'transactionHistory',
      '/recordViews/acount': [],
    });
    expect(issues.map((i) => [i.pointer, i.message.replace(/\(entities: .*\)/, '(entities: …)')])).toEqual([
      [`${view}/entity`, 'entity "contrat" is not in this pack (entities: …)'],
      ['/recordViews/account/1/id', 'view "transactionHistory" of "account" is declared twice (#0 and #1)'],
      ['/recordViews/acount', 'entity "acount" is not in this pack (entities: …)'],
    ]);
  });

  it('refuses columns, sort keys and fields that name nothing', async () => {
    const issues = await issuesWith({
      [`${view}/columns/0/path`]: 'productId.nam',
      [`${view}/columns/1/path`]: 'title.name',
      [`${view}/columns/2/path`]: 'tourId.productId.name',
      [`${view}/columns/3/path`]: 'travelerCount',
      [`${view}/columns/5/path`]: '$state',
      [`${view}/sort`]: { 'tourId.departureDate': -1 },
      '/recordViews/account/1/fields': ['interest'],
    });
    expect(issues.map((i) => [i.pointer, i.message.replace(/ \(fields: .*\)$/, '')])).toEqual([
      [`${view}/columns/0/path`, '"nam" is not a field of "product", which "productId" of "contract" refers to'],
      [`${view}/columns/1/path`, '"title" of "contract" is not a reference (x-ref) field, so "title.name" cannot read through it'],
      [`${view}/columns/2/path`, '"tourId.productId.name" is not a view path: write "field" or "refField.field" (one hop through an x-ref field)'],
      [`${view}/columns/3/path`, '"travelerCount" is not a field of "contract"'],
      [`${view}/columns/5/path`, '"$state" is not a fact of a record (facts: $stage, $createdAt, $updatedAt, $owner)'],
      [`${view}/sort/tourId.departureDate`, 'sort key "tourId.departureDate" reads through a reference: only fields of "contract" itself and record facts can be used here'],
      ['/recordViews/account/1/fields/0', '"interest" is not a field of "account"'],
    ]);
  });

  it('refuses a view of the wrong shape through the meta-schema', async () => {
    const issues = await issuesWith({ [`${view}/columns`]: [], [`${view}/limit`]: 500, [`${view}/labels`]: undefined });
    expect(issues).toEqual([
      { file: 'pack.json', pointer: view, message: 'pack.json: recordViews.account[0] is missing "labels"' },
      { file: 'pack.json', pointer: `${view}/limit`, message: 'pack.json: recordViews.account[0].limit must be <= 100' },
      { file: 'pack.json', pointer: `${view}/columns`, message: 'pack.json: recordViews.account[0].columns must have at least 1 item(s)' },
    ]);
  });
});
