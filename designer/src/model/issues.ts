/**
 * What a validation issue of the engine is about, from its file and JSON pointer: a stage
 * (node), a transition (edge), a field, or the machine/schema as a whole.
 */
import type { Schemas } from '../api/types.js';
import { labelIn, type Draft } from './draft.js';
import { listStages } from './stages.js';
import { transitionId } from './transitions.js';

/** An issue as the validate endpoint returns it. */
export type Issue = Schemas['Issue'];

export type IssueTarget =
  | { kind: 'stage'; stage: string }
  | { kind: 'transition'; id: string; stage: string }
  | { kind: 'field'; field: string }
  | { kind: 'schema' }
  | { kind: 'machine' };

/** The tokens of a JSON pointer (RFC 6901). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function issueTarget(issue: Issue): IssueTarget {
  const tokens = pointerTokens(issue.pointer);
  if (issue.file?.endsWith('.schema.json')) {
    return tokens[0] === 'properties' && tokens[1] !== undefined
      ? { kind: 'field', field: tokens[1] }
      : { kind: 'schema' };
  }
  if (tokens[0] === 'on' && tokens[1] !== undefined) {
    return {
      kind: 'transition',
      stage: '',
      id: transitionId({ source: '', kind: 'on', key: tokens[1], index: indexAt(tokens[2]) }),
    };
  }
  const path: string[] = [];
  let i = 0;
  while (tokens[i] === 'states' && tokens[i + 1] !== undefined) {
    path.push(tokens[i + 1]);
    i += 2;
  }
  if (path.length === 0) return { kind: 'machine' };
  const stage = path.join('.');
  const [kind, key, index] = tokens.slice(i);
  if ((kind === 'on' || kind === 'after') && key !== undefined) {
    return {
      kind: 'transition',
      stage,
      id: transitionId({ source: stage, kind, key, index: indexAt(index) }),
    };
  }
  if (kind === 'always')
    return {
      kind: 'transition',
      stage,
      id: transitionId({ source: stage, kind, key: '', index: indexAt(key) }),
    };
  return { kind: 'stage', stage };
}

function indexAt(token: string | undefined): number {
  return token !== undefined && /^\d+$/.test(token) ? Number(token) : 0;
}

/** Issues grouped by the stage, transition and field they concern. */
export interface IssueIndex {
  stages: Map<string, Issue[]>;
  transitions: Map<string, Issue[]>;
  fields: Map<string, Issue[]>;
}

export function indexIssues(issues: Issue[]): IssueIndex {
  const index: IssueIndex = { stages: new Map(), transitions: new Map(), fields: new Map() };
  const push = (map: Map<string, Issue[]>, key: string, issue: Issue) =>
    map.set(key, [...(map.get(key) ?? []), issue]);
  for (const issue of issues) {
    const target = issueTarget(issue);
    if (target.kind === 'stage') push(index.stages, target.stage, issue);
    if (target.kind === 'transition') push(index.transitions, target.id, issue);
    if (target.kind === 'field') push(index.fields, target.field, issue);
  }
  return index;
}

/**
 * A message of the engine with the stages and fields it names as people know them: a
 * stage path ("open.siteVisit", quoted or not) or a quoted field key becomes its label.
 * @example nameTokens('Stage open.siteVisit requires: amount', draft, 'en') // 'Stage “Open › Site visit” requires: amount'
 */
export function nameTokens(message: string, draft: Draft, lang: 'vi' | 'en'): string {
  const stages = listStages(draft);
  const stageName = new Map(
    stages.map((s) => {
      const parents = s.path.split('.').slice(0, -1).map((_, i, all) => all.slice(0, i + 1).join('.'));
      const names = [...parents.map((p) => stages.find((x) => x.path === p)?.labels), s.labels].map((l, i) => labelIn(l, lang, s.path.split('.')[i]));
      return [s.path, names.join(' › ')];
    }),
  );
  const fieldName = new Map(Object.entries(draft.schema.properties ?? {}).map(([key, f]) => [key, labelIn(f['x-labels'], lang, key)]));
  return message
    .replace(/"([^"]+)"/g, (all, token: string) => {
      const name = stageName.get(token) ?? fieldName.get(token);
      return name === undefined ? all : `“${name}”`;
    })
    .replace(/\b[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z][A-Za-z0-9_-]*)+\b/g, (token) => {
      const name = stageName.get(token);
      return name === undefined ? token : `“${name}”`;
    });
}

/**
 * Vietnamese for the engine's most common messages (it answers in English); others are
 * kept. With the draft, the stages and fields they name are written as their labels.
 */
export function localizeIssue(message: string, lang: 'vi' | 'en', draft?: Draft): string {
  const localized = localizeOnly(message, lang);
  return draft ? nameTokens(localized, draft, lang) : localized;
}

function localizeOnly(message: string, lang: 'vi' | 'en'): string {
  if (lang === 'en') return message;
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [
      /^state "([^"]+)" is unreachable/,
      (m) =>
        `Không thể tới giai đoạn "${m[1]}": không có chuyển tiếp nào dẫn tới và nó không phải giai đoạn bắt đầu`,
    ],
    [/^event "([^"]+)" has no labels/, (m) => `Sự kiện "${m[1]}" chưa có nhãn tiếng Việt và tiếng Anh`],
    [
      /^state "([^"]+)" requires field "([^"]+)", which is not in the schema/,
      (m) => `Giai đoạn "${m[1]}" yêu cầu trường "${m[2]}" không có trong dữ liệu`,
    ],
    [
      /uses unknown (guard|action) "([^"]+)"/,
      (m) => `Dùng ${m[1] === 'guard' ? 'điều kiện' : 'hành động'} không tồn tại "${m[2]}"`,
    ],
    [/targets "([^"]+)": (.*)$/, (m) => `Chuyển tới "${m[1]}" không hợp lệ: ${m[2]}`],
    [
      /x-enumLabels\.(.+)\.(vi|en) must be a non-empty text/,
      (m) => `Nhãn ${m[2] === 'vi' ? 'tiếng Việt' : 'tiếng Anh'} của lựa chọn "${m[1]}" không được để trống`,
    ],
    [
      /x-enumLabels\.\S+ labels "([^"]+)", which is not one of the enum's values/,
      (m) => `Có nhãn cho "${m[1]}" nhưng đó không phải một lựa chọn của trường`,
    ],
    [/must NOT have fewer than 1 characters|must not be empty/, () => 'Không được để trống'],
  ];
  for (const [pattern, say] of rules) {
    const m = pattern.exec(message);
    if (m) return say(m);
  }
  return message;
}
