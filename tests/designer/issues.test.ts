/** Where the engine's validation issues land in the designer, and a few other pure helpers. */
import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../designer/src/model/change-summary.js';
import { formatDuration, formatMs, parseDuration, toDuration } from '../../designer/src/model/duration.js';
import { indexIssues, issueTarget, localizeIssue, nameTokens } from '../../designer/src/model/issues.js';
import { sampleData } from '../../designer/src/model/sample-data.js';
import { addStage } from '../../designer/src/model/stages.js';
import { addTransition } from '../../designer/src/model/transitions.js';
import { dealDraft, engineIssues } from './mini-crm-draft.js';

describe('issue targets', () => {
  it('maps pointers to stages, transitions, fields and the machine', () => {
    const m = 'deal.machine.json';
    expect(issueTarget({ file: m, pointer: '/states/open/meta/labels/en', message: '' })).toEqual({
      kind: 'stage',
      stage: 'open',
    });
    expect(issueTarget({ file: m, pointer: '/states/open/on/WIN/1/guard', message: '' })).toEqual({
      kind: 'transition',
      stage: 'open',
      id: 'open::on::WIN::1',
    });
    expect(issueTarget({ file: m, pointer: '/states/open/on/WIN/guard', message: '' })).toEqual({
      kind: 'transition',
      stage: 'open',
      id: 'open::on::WIN::0',
    });
    expect(issueTarget({ file: m, pointer: '/states/open/after/P3D', message: '' })).toEqual({
      kind: 'transition',
      stage: 'open',
      id: 'open::after::P3D::0',
    });
    expect(issueTarget({ file: m, pointer: '/on/TOUCH', message: '' })).toEqual({
      kind: 'transition',
      stage: '',
      id: '::on::TOUCH::0',
    });
    expect(issueTarget({ file: m, pointer: '/initial', message: '' })).toEqual({ kind: 'machine' });
    expect(issueTarget({ file: 'deal.schema.json', pointer: '/properties/a~1b/type', message: '' })).toEqual({
      kind: 'field',
      field: 'a/b',
    });
    expect(issueTarget({ file: 'deal.schema.json', pointer: '', message: '' })).toEqual({ kind: 'schema' });
  });

  it('indexes the engine’s real issues on the stage they concern, in both languages', () => {
    const { draft } = addStage(dealDraft(), { vi: 'Mới', en: 'Fresh' }, { x: 0, y: 0 });
    const issues = engineIssues(draft);
    expect([...indexIssues(issues).stages.keys()]).toEqual(['fresh']);
    expect(localizeIssue(issues[0].message, 'vi')).toBe(
      'Không thể tới giai đoạn "fresh": không có chuyển tiếp nào dẫn tới và nó không phải giai đoạn bắt đầu',
    );
    expect(localizeIssue(issues[0].message, 'en')).toBe(issues[0].message);
  });
});

describe('helpers', () => {
  it('reads and writes simple ISO-8601 durations', () => {
    expect(parseDuration('P3D')).toEqual({ amount: 3, unit: 'days' });
    expect(parseDuration('PT4H')).toEqual({ amount: 4, unit: 'hours' });
    expect(parseDuration('P1DT2H')).toBeUndefined();
    expect(toDuration(2, 'weeks')).toBe('P2W');
    expect(formatDuration('P1D', 'en')).toBe('1 day');
    expect(formatDuration('PT30M', 'vi')).toBe('30 phút');
    expect(formatMs(172_800_000, 'en')).toBe('2 days');
  });

  it('fills sample data for the required fields', () => {
    expect(sampleData(dealDraft().schema, 'Sample')).toEqual({ title: 'Sample' });
  });

  it('summarises added stages and transitions', () => {
    const { draft } = addStage(dealDraft(), { vi: 'Mới', en: 'Fresh' }, { x: 0, y: 0 });
    const connected = addTransition(draft, 'open', 'fresh').draft;
    expect(describeChanges(dealDraft(), connected, 'vi').map((c) => c.code)).toEqual([
      'stageAdded',
      'transitionAdded',
    ]);
  });
});

describe('naming what an engine message points at', () => {
  it('writes stage paths and quoted field keys as their labels, and leaves other words alone', () => {
    const draft = {
      schema: { type: 'object', properties: { amount: { type: 'number', 'x-labels': { vi: 'Giá trị', en: 'Amount' } } } },
      machine: {
        id: 'deal',
        initial: 'open',
        states: {
          open: { meta: { labels: { vi: 'Mở', en: 'Open' } }, initial: 'siteVisit', states: { siteVisit: { meta: { labels: { vi: 'Khảo sát', en: 'Site visit' } } } } },
        },
      },
    } as never;
    expect(nameTokens('Stage open.siteVisit requires: amount', draft, 'en')).toBe('Stage “Open › Site visit” requires: amount');
    expect(nameTokens('state "open.siteVisit" requires field "amount", which is not in the schema', draft, 'vi')).toBe('state “Mở › Khảo sát” requires field “Giá trị”, which is not in the schema');
    expect(nameTokens('see docs.example "other"', draft, 'en')).toBe('see docs.example "other"');
  });
});
