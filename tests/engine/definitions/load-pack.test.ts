import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatIssues, loadPack, type LoadPackResult } from '../../../engine/definitions/load-pack.js';
import type { Issue } from '../../../engine/errors.js';
import { copyPack, fixturePack, patchJson, rewriteJson, type Changes } from './fixture-packs.js';
import { testRegistry } from './test-registry.js';

const registry = testRegistry();
const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(disposers.splice(0).map((dispose) => dispose()));
});

function issuesOf(result: LoadPackResult): Issue[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
}

/** Load a copy of mini-crm with one file changed. */
async function loadMiniCrmWith(file: string, changes: Changes): Promise<LoadPackResult> {
  const copy = await copyPack('mini-crm');
  disposers.push(copy.dispose);
  await patchJson(copy.dir, file, changes);
  return loadPack(copy.dir, registry);
}

describe('loadPack', () => {
  it('loads the mini-crm pack with no issues, entities in manifest order', async () => {
    const result = await loadPack(fixturePack('mini-crm'), registry);
    if (!result.ok) throw new Error(formatIssues(result.issues));
    expect(result.pack.name).toBe('mini-crm');
    expect(result.pack.title).toEqual({ vi: 'CRM mini', en: 'Mini CRM' });
    expect(result.pack.entities.map((e) => e.entity)).toEqual(['inquiry', 'deal', 'task']);
    expect(result.pack.entities.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
  });

  it('gives the same hash when only formatting and key order change', async () => {
    const before = await loadPack(fixturePack('mini-crm'), registry);
    const copy = await copyPack('mini-crm');
    disposers.push(copy.dispose);
    // Same content, keys in reverse order, different indentation.
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    await rewriteJson(copy.dir, 'deal.machine.json', reversed);
    const after = await loadPack(copy.dir, registry);
    if (!before.ok || !after.ok) throw new Error('mini-crm should load');
    expect(after.pack.entities[1]?.hash).toBe(before.pack.entities[1]?.hash);
  });

  it('reports invalid JSON with its line and column', async () => {
    // Written at test time: an invalid .json file in the repository would upset every JSON tool.
    const copy = await copyPack('mini-crm');
    disposers.push(copy.dispose);
    await writeFile(join(copy.dir, 'task.machine.json'), '{\n  "id": "task",\n  "initial": "todo",\n}\n');
    expect(issuesOf(await loadPack(copy.dir, registry))).toEqual([
      {
        file: 'task.machine.json',
        pointer: '',
        message: 'invalid JSON at line 4, column 1: expected a property name in double quotes',
      },
    ]);
  });

  it('reports a schema that does not compile', async () => {
    const result = await loadMiniCrmWith('deal.schema.json', { '/properties/amount/minimun': 0 });
    expect(issuesOf(result)).toEqual([
      {
        file: 'deal.schema.json',
        pointer: '/properties/amount/minimun',
        message: 'field "amount": the schema does not compile: strict mode: unknown keyword: "minimun"',
      },
    ]);
  });

  it('reports an unknown guard', async () => {
    const result = await loadMiniCrmWith('deal.machine.json', {
      '/states/negotiation/on/WIN/guard/type': 'amountPositive',
    });
    expect(issuesOf(result)).toEqual([
      {
        file: 'deal.machine.json',
        pointer: '/states/negotiation/on/WIN/guard/type',
        message:
          'transition "WIN" of state "negotiation" uses unknown guard "amountPositive" (registered guards: fieldCompare, fieldsPresent, stageRequiredFieldsPresent, activitiesDone, withinHours)',
      },
    ]);
  });

  it('reports an unknown action', async () => {
    const result = await loadMiniCrmWith('inquiry.machine.json', {
      '/states/qualifying/on/CONVERT/actions/0/type': 'makeDeal',
    });
    const [issue, ...rest] = issuesOf(result);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      file: 'inquiry.machine.json',
      pointer: '/states/qualifying/on/CONVERT/actions/0/type',
    });
    expect(issue?.message).toMatch(
      /^transition "CONVERT" of state "qualifying" uses unknown action "makeDeal" \(registered actions: .*createRecord/,
    );
  });

  it('reports bad params, pointing into the params', async () => {
    const result = await loadMiniCrmWith('deal.machine.json', {
      '/states/negotiation/on/WIN/guard/params/op': 'bigger',
    });
    expect(issuesOf(result)).toEqual([
      {
        file: 'deal.machine.json',
        pointer: '/states/negotiation/on/WIN/guard/params/op',
        message:
          'guard "fieldCompare" of transition "WIN" of state "negotiation": params.op must be one of: "eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "exists", "empty"',
      },
    ]);
  });

  it('reports a required field that is not in the schema', async () => {
    const result = await loadMiniCrmWith('deal.machine.json', {
      '/states/proposal/meta/requiredFields/1': 'discount',
    });
    expect(issuesOf(result)).toEqual([
      {
        file: 'deal.machine.json',
        pointer: '/states/proposal/meta/requiredFields/1',
        message:
          'state "proposal" requires field "discount", which is not in the schema (fields: title, amount, touches, inquiryId, negotiationStartedAt, lostReason)',
      },
    ]);
  });

  it('reports a transition to a missing state', async () => {
    const result = await loadMiniCrmWith('deal.machine.json', { '/states/open/on/PROPOSE': 'proposed' });
    // proposal is now entered by nothing, so it and what only it led to are unreachable too.
    expect(issuesOf(result)).toEqual([
      {
        file: 'deal.machine.json',
        pointer: '/states/open/on/PROPOSE',
        message:
          'transition "PROPOSE" of state "open" targets "proposed": the machine has no state "proposed" (there are: open, proposal, negotiation, won, lost)',
      },
      ...['proposal', 'negotiation', 'won'].map((state) => ({
        file: 'deal.machine.json',
        pointer: `/states/${state}`,
        message: `state "${state}" is unreachable: no transition leads to it and it is not an initial state`,
      })),
    ]);
  });

  it('reports an unreachable state', async () => {
    const result = await loadMiniCrmWith('task.machine.json', {
      '/states/archived': { type: 'final', meta: { labels: { vi: 'Lưu trữ', en: 'Archived' } } },
    });
    expect(issuesOf(result)).toEqual([
      {
        file: 'task.machine.json',
        pointer: '/states/archived',
        message: 'state "archived" is unreachable: no transition leads to it and it is not an initial state',
      },
    ]);
  });

  it('reports an entity listed twice, a listed entity without files and files of an unlisted entity', async () => {
    const issues = issuesOf(await loadPack(fixturePack('broken-manifest'), registry));
    expect(issues).toEqual([
      {
        file: 'pack.json',
        pointer: '/entities/2',
        message: 'entity "note" is listed twice in "entities" (first at /entities/0)',
      },
      { file: 'pack.json', pointer: '/entities/1', message: 'entity "ghost" has no file ghost.schema.json' },
      { file: 'pack.json', pointer: '/entities/1', message: 'entity "ghost" has no file ghost.machine.json' },
      {
        file: 'stray.machine.json',
        pointer: '',
        message: 'entity "stray" is not listed in pack.json "entities": add it there or remove this file',
      },
      {
        file: 'stray.schema.json',
        pointer: '',
        message: 'entity "stray" is not listed in pack.json "entities": add it there or remove this file',
      },
    ]);
  });

  it('reports every problem of every file at once and returns no pack', async () => {
    const result = await loadPack(fixturePack('broken-many'), registry);
    expect(result).not.toHaveProperty('pack');
    const found = issuesOf(result).map((i) => `${i.file}#${i.pointer}`);
    expect(found).toEqual([
      'ticket.schema.json#/properties/priority',
      'ticket.schema.json#/properties/title/maxlen',
      'ticket.machine.json#/states/working/on/CLOSE',
      'ticket.machine.json#/states/archived',
      'ticket.machine.json#/states/open/meta/requiredFields/0',
      'ticket.machine.json#/states/open/on/START/guard/type',
      'ticket.machine.json#/states/open/on/CLOSE/actions/0/params',
      'note.machine.json#/states/draft',
      'note.machine.json#/states/draft/on/PUBLISH',
    ]);
  });

  it('reports structure problems of pack.json', async () => {
    const copy = await copyPack('mini-crm');
    disposers.push(copy.dispose);
    await patchJson(copy.dir, 'pack.json', { '/title/en': undefined, '/version': 2 });
    expect(issuesOf(await loadPack(copy.dir, registry))).toEqual([
      {
        file: 'pack.json',
        pointer: '/version',
        message: 'pack.json: version is not allowed here (unknown property)',
      },
      { file: 'pack.json', pointer: '/title', message: 'pack.json: title is missing "en"' },
    ]);
  });

  it('reports a folder without pack.json', async () => {
    const issues = issuesOf(await loadPack(fixturePack('no-such-pack'), registry));
    expect(issues).toEqual([
      { file: 'pack.json', pointer: '', message: `there is no pack.json in ${fixturePack('no-such-pack')}` },
    ]);
  });
});

describe('formatIssues', () => {
  it('prints one line per issue as file#pointer: message', () => {
    const text = formatIssues([
      { file: 'deal.machine.json', pointer: '/initial', message: 'bad initial' },
      { file: 'pack.json', pointer: '', message: 'bad pack' },
    ]);
    expect(text).toBe('deal.machine.json#/initial: bad initial\npack.json#: bad pack');
  });
});
