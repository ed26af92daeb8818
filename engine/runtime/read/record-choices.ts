/**
 * What a reference picker offers: records of an entity found by what names them, in the
 * compact "title + stage" shape of ./record-summary.ts, scoped to what the reader sees.
 * Typing without Vietnamese marks finds names with them ("nguyen" finds "Nguyễn").
 */
import type { Filter, Store } from '../../store/store.js';
import { RECORDS } from '../../collections.js';
import { summarize, titleKeys, type CompiledDefinitions, type RecordDoc, type RecordSummary } from '../core/index.js';

export interface ChoicesQuery {
  /** Text typed into the picker; matches anywhere in any title field, ignoring case and marks. */
  q?: string;
  /** Name these records (the picker's current value); the order given is kept. */
  ids?: string[];
  limit: number;
  /** The reader's visibility filter on this entity (undefined: sees all). */
  scope?: Filter;
}

export interface ChoiceQueries {
  /** Records for a picker. Throws `unknown-entity`. */
  choices(entity: string, query: ChoicesQuery): Promise<RecordSummary[]>;
}

/** Each base letter and the Vietnamese letters written on it. */
const MARKED: Record<string, string> = {
  a: 'aàáảãạăằắẳẵặâầấẩẫậ',
  e: 'eèéẻẽẹêềếểễệ',
  i: 'iìíỉĩị',
  o: 'oòóỏõọôồốổỗộơờớởỡợ',
  u: 'uùúủũụưừứửữự',
  y: 'yỳýỷỹỵ',
  d: 'dđ',
};

/**
 * A regular expression source matching `text` anywhere, where a plain vowel or `d` also
 * matches its marked forms (both cases spelled out, so no engine's case folding matters).
 *
 * @example
 * new RegExp(markInsensitive('nguyen'), 'i').test('Nguyễn Văn An') // true
 */
export function markInsensitive(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const letters = MARKED[char.toLowerCase()];
    if (letters) out += `[${letters}${letters.toUpperCase()}]`;
    else out += char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return out;
}

/**
 * @example
 * const queries = choiceQueries({ store, compiled });
 * await queries.choices('account', { q: 'nguyen', limit: 10 });
 */
export function choiceQueries({ store, compiled }: { store: Store; compiled: CompiledDefinitions }): ChoiceQueries {
  return {
    async choices(entity, { q, ids, limit, scope }) {
      const latest = await compiled.latest(entity);
      const parts: Filter[] = [{ entity }];
      if (ids) parts.push({ _id: { $in: ids } });
      const typed = q?.trim();
      if (typed) {
        const pattern = markInsensitive(typed);
        const { keys } = titleKeys(latest.definition.schema);
        parts.push({ $or: keys.map((key) => ({ [`data.${key}`]: { $regex: pattern, $options: 'i' } })) });
      }
      if (scope) parts.push(scope);
      const filter = parts.length === 1 ? parts[0] : { $and: parts };
      const docs = await store.find<RecordDoc>(RECORDS, filter, { sort: { updatedAt: -1, _id: 1 }, limit });
      const summaries = await Promise.all(
        docs.map(async (doc) => summarize(doc, (await compiled.version(doc.entity, doc.definitionVersion)).definition)),
      );
      if (!ids) return summaries;
      const byId = new Map(summaries.map((s) => [s.id, s]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
  };
}
