/**
 * JSON pointers (RFC 6901): how every issue says where in a file the problem is.
 */

/**
 * Build a pointer from raw segments, escaping `~` and `/`.
 *
 * @example
 * pointerOf('states', 'a/b', 'on') // '/states/a~1b/on'
 */
export function pointerOf(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/**
 * Split a pointer back into unescaped segments.
 *
 * @example
 * segmentsOf('/states/a~1b') // ['states', 'a/b']
 */
export function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * The value a pointer designates in a document, or undefined when it leads nowhere.
 *
 * @example
 * valueAt({ a: [1, 2] }, '/a/1') // 2
 */
export function valueAt(doc: unknown, pointer: string): unknown {
  let current = doc;
  for (const segment of segmentsOf(pointer)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isRecord(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
