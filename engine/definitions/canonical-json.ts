/**
 * A canonical JSON text (object keys sorted at every depth) and the content hash of a
 * definition built on it, so that reformatting a file or reordering keys is not a change.
 */
import { createHash } from 'node:crypto';
import { isRecord } from './json-pointer.js';

/**
 * JSON with object keys sorted, no whitespace.
 *
 * @example
 * canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }) // '{"a":[{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * sha256 (hex) of the canonical JSON of `{ schema, machine }`.
 *
 * @example
 * definitionHash(schema, machine) // 'e3b0c442…'
 */
export function definitionHash(schema: unknown, machine: unknown): string {
  return createHash('sha256').update(canonicalJson({ schema, machine })).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  // fromEntries defines properties, so a "__proto__" key stays a plain key.
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}
