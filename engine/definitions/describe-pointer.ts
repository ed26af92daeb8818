/**
 * Turn a JSON pointer into words that name the thing a problem is about, so that an
 * issue reads "state "proposal": meta.labels.en must not be empty" rather than a bare path.
 */
import { segmentsOf } from './json-pointer.js';

/** The named thing (`head`) and the path inside it (`rest`, dotted; empty for the thing itself). */
export interface PointerWords {
  head: string;
  rest: string;
}

/** Describes pointers of one kind of document. */
export type PointerDescriber = (pointer: string) => PointerWords;

/**
 * Words for a pointer into a machine file.
 *
 * @example
 * describeMachinePointer('/states/open/on/WIN/0/guard')
 * // { head: 'transition "WIN" of state "open"', rest: '[0].guard' }
 */
export function describeMachinePointer(pointer: string): PointerWords {
  const segments = segmentsOf(pointer);
  const path: string[] = [];
  let i = 0;
  while (segments[i] === 'states' && i + 1 < segments.length) {
    path.push(segments[i + 1] ?? '');
    i += 2;
  }
  const owner = path.length === 0 ? 'the machine' : `state "${path.join('.')}"`;
  const [kind, key] = [segments[i], segments[i + 1]];
  if ((kind === 'on' || kind === 'after') && key !== undefined) {
    const what = kind === 'on' ? `transition "${key}"` : `delayed transition "${key}"`;
    return { head: `${what} of ${owner}`, rest: dotted(segments.slice(i + 2)) };
  }
  if (kind === 'always')
    return { head: `eventless transition of ${owner}`, rest: dotted(segments.slice(i + 1)) };
  return { head: owner, rest: dotted(segments.slice(i)) };
}

/**
 * Words for a pointer into an entity schema file.
 *
 * @example
 * describeSchemaPointer('/properties/amount/x-labels') // { head: 'field "amount"', rest: 'x-labels' }
 */
export function describeSchemaPointer(pointer: string): PointerWords {
  const segments = segmentsOf(pointer);
  const path: string[] = [];
  let i = 0;
  while (segments[i] === 'properties' && i + 1 < segments.length) {
    path.push(segments[i + 1] ?? '');
    i += 2;
  }
  const head = path.length === 0 ? 'the schema' : `field "${path.join('.')}"`;
  return { head, rest: dotted(segments.slice(i)) };
}

/**
 * Words for a pointer into pack.json.
 *
 * @example
 * describeManifestPointer('/entities/2') // { head: 'pack.json', rest: 'entities[2]' }
 */
export function describeManifestPointer(pointer: string): PointerWords {
  return { head: 'pack.json', rest: dotted(segmentsOf(pointer)) };
}

/**
 * Words for a pointer inside a guard's or action's params.
 *
 * @example
 * describeParamsPointer('guard "fieldCompare"')('/op') // { head: 'guard "fieldCompare"', rest: 'params.op' }
 */
export function describeParamsPointer(owner: string): PointerDescriber {
  return (pointer) => ({ head: owner, rest: dotted(['params', ...segmentsOf(pointer)]) });
}

/** Join words and a verb phrase: `head: rest text`, or `head text` for the thing itself. */
export function sentence(words: PointerWords, text: string): string {
  return words.rest === '' ? `${words.head} ${text}` : `${words.head}: ${words.rest} ${text}`;
}

function dotted(segments: string[]): string {
  return segments.reduce((out, s) => (/^\d+$/.test(s) ? `${out}[${s}]` : out === '' ? s : `${out}.${s}`), '');
}
