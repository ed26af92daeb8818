import { afterEach, describe, expect, it } from 'vitest';
import { formatIssues, loadPack } from '../../../engine/definitions/load-pack.js';
import type { Issue } from '../../../engine/errors.js';
import { copyPack, fixturePack, patchJson, type Changes } from './fixture-packs.js';
import { testRegistry } from './test-registry.js';

const registry = testRegistry();
const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(disposers.splice(0).map((dispose) => dispose()));
});

async function issuesWith(changes: Changes): Promise<Issue[]> {
  const copy = await copyPack('timed');
  disposers.push(copy.dispose);
  await patchJson(copy.dir, 'pack.json', changes);
  const result = await loadPack(copy.dir, registry);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues.map(({ pointer, message, file }) => ({ file, pointer, message }));
}

describe('recurring jobs in pack.json', () => {
  it('loads the declarations with the pack', async () => {
    const result = await loadPack(fixturePack('timed'), registry);
    if (!result.ok) throw new Error(formatIssues(result.issues));
    expect(result.pack.recurring.map((j) => [j.id, j.cron, j.timezone ?? '(default)', j.do.type])).toEqual([
      ['anniversaries', '0 8 * * *', '(default)', 'sendToMatching'],
      ['remindExpiring', '30 7 * * 1-5', 'America/New_York', 'notifyMatching'],
      ['openPeriod', '0 0 1 * *', '(default)', 'createRecord'],
      ['retired', '*/5 * * * *', '(default)', 'createRecord'],
    ]);
  });

  it('refuses a bad cron, an unknown time zone, a duplicate id, with pointers into pack.json', async () => {
    const issues = await issuesWith({ '/recurring/0/cron': '0 24 * * *', '/recurring/1/timezone': 'Asia/Saigonn', '/recurring/2/id': 'anniversaries' });
    expect(issues).toEqual([
      { file: 'pack.json', pointer: '/recurring/0/cron', message: 'cron "0 24 * * *": "24" is not a valid hour (0–23)' },
      { file: 'pack.json', pointer: '/recurring/1/timezone', message: '"Asia/Saigonn" is not a time zone (use an IANA name such as Asia/Ho_Chi_Minh)' },
      { file: 'pack.json', pointer: '/recurring/2/id', message: 'recurring job "anniversaries" is declared twice (#0 and #2)' },
    ]);
  });

  it('refuses an entity not in the pack, an event its machine never handles, and unknown filter operators', async () => {
    const issues = await issuesWith({
      '/recurring/0/do/event': 'CELEBRTE',
      '/recurring/1/do/entity': 'visitor',
      '/recurring/0/do/filter': { 'data.joinedOn': { $monthDayIs: 'tomorrow' }, $where: 'true' },
    });
    expect(issues.map((i) => [i.pointer, i.message])).toEqual([
      ['/recurring/0/do/event', 'entity "member" handles no event "CELEBRTE" in any stage'],
      ['/recurring/0/do/filter/data.joinedOn/$monthDayIs', '$monthDayIs takes "today", "today+N" or "today-N", not "tomorrow"'],
      ['/recurring/0/do/filter/$where', '$where is not a query operator a filter may use (nor $monthDayIs, $dateIs, $lunarMonthDayIs)'],
      ['/recurring/1/do/entity', 'entity "visitor" is not in this pack (entities: ticket, task, visit, member, period)'],
    ]);
  });

  it('refuses a declaration of the wrong shape through the meta-schema', async () => {
    const issues = await issuesWith({ '/recurring/0/do': { type: 'sendToMatching', entity: 'member' }, '/recurring/2/labels': undefined });
    expect(issues).toEqual([
      { file: 'pack.json', pointer: '/recurring/0/do', message: 'pack.json: recurring[0].do is missing "event"' },
      { file: 'pack.json', pointer: '/recurring/2', message: 'pack.json: recurring[2] is missing "labels"' },
    ]);
  });
});
