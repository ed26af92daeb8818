/**
 * Parts of the pack format (../definitions/pack-format.schema.json) as the OpenAPI document
 * uses them: an answer that holds an assignment rule or a stage's reminder is documented by
 * the same schema a pack file is checked against, not by a looser copy.
 */
import { packFormatSchema } from '../definitions/meta-schema.js';

type Json = Record<string, unknown>;

const DEFS = packFormatSchema.$defs as Record<string, Json>;
const LOCAL_REF = '#/$defs/';

/** `value` with every `#/$defs/…` reference replaced by what it names (`seen`: the defs being inlined). */
function inlined(value: unknown, seen: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => inlined(item, seen));
  if (!value || typeof value !== 'object') return value;
  const node = value as Json;
  if (typeof node.$ref === 'string' && node.$ref.startsWith(LOCAL_REF)) {
    const { $ref: _ref, ...siblings } = node;
    return { ...(packDef(node.$ref.slice(LOCAL_REF.length), seen) as Json), ...(inlined(siblings, seen) as Json) };
  }
  return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, inlined(item, seen)]));
}

/**
 * The pack format's `$defs[name]`, self-contained (what it references inlined), for a
 * component of the document. A recursive def (a machine's states) cannot be inlined and throws.
 * @example packDef('assignmentRule') // { title: 'AssignmentRule', type: 'object', … }
 */
export function packDef(name: string, seen: readonly string[] = []): unknown {
  if (!Object.hasOwn(DEFS, name)) throw new Error(`The pack format has no $defs/${name}`);
  if (seen.includes(name)) throw new Error(`The pack format's $defs/${name} refers to itself: it cannot be inlined`);
  return inlined(DEFS[name], [...seen, name]);
}
