/**
 * The ajv set-up for entity schemas (JSON Schema 2020-12 with formats and our annotations
 * `x-labels`, `x-enumLabels`, `x-widget`, `x-ref`, `x-access`), and the check that an entity schema
 * compiles under it. The runtime should validate record data with an instance from
 * `createEntityAjv()` so that what loads is exactly what runs.
 */
import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import * as formatsModule from 'ajv-formats';
import type { Issue } from '../errors.js';
import { ACCESS_KEYWORD, ACCESS_META_SCHEMA } from './access-keyword.js';
import { issuesFromAjv } from './ajv-issues.js';
import { describeSchemaPointer } from './describe-pointer.js';
import { isRecord, pointerOf } from './json-pointer.js';

type AddFormats = (ajv: Ajv2020) => unknown;
// ajv-formats is CommonJS: its function is `default` (or `default.default` through some loaders).
const formats = formatsModule as unknown as { default: AddFormats | { default: AddFormats } };
const addFormats: AddFormats =
  typeof formats.default === 'function' ? formats.default : formats.default.default;

/** Annotation keywords an entity schema may carry besides standard JSON Schema. */
export const ENTITY_SCHEMA_ANNOTATIONS = ['x-labels', 'x-widget', 'x-ref', 'x-enumLabels', 'x-title', 'x-compute', 'x-boardSum', 'x-person', 'x-funnel', 'x-group', 'x-archived'] as const;

/**
 * A strict 2020-12 ajv with formats and our annotation keywords registered.
 *
 * @example
 * const validate = createEntityAjv().compile(schema);
 * if (!validate(data)) console.log(validate.errors);
 */
export function createEntityAjv(options: Options = {}): Ajv2020 {
  // The same options as the runtime's record validator, so that what loads also runs.
  // strictRequired is off: it misfires on `required` inside if/then and other combinators.
  const ajv = new Ajv2020({
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    allErrors: true,
    ...options,
  });
  addFormats(ajv);
  for (const keyword of ENTITY_SCHEMA_ANNOTATIONS) ajv.addKeyword({ keyword });
  // Who sees every record of the entity: checked against its meta-schema like any keyword.
  ajv.addKeyword({ keyword: ACCESS_KEYWORD, metaSchema: ACCESS_META_SCHEMA });
  return ajv;
}

let checker: Ajv2020 | undefined;

/**
 * Issues when an entity schema is not a valid JSON Schema or does not compile; [] when it does.
 *
 * @example
 * checkEntitySchemaCompiles({ type: 'object', properties: { a: { type: 'strng' } } })
 * // [{ pointer: '/properties/a/type', message: 'field "a": type must be one of: "array", …' }]
 */
export function checkEntitySchemaCompiles(schema: unknown): Issue[] {
  checker ??= createEntityAjv({ verbose: true });
  if (!isRecord(schema)) return [];
  if (!checker.validateSchema(schema)) {
    return issuesFromAjv(checker.errors ?? [], { describe: describeSchemaPointer });
  }
  try {
    checker.compile(schema);
    return [];
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const pointer = locateCompileError(schema, text);
    const { head } = describeSchemaPointer(pointer);
    const where = head === 'the schema' ? '' : `${head}: `;
    return [{ pointer, message: `${where}the schema does not compile: ${text}` }];
  } finally {
    // Compiled schemas are cached by content; drop them so a fixed schema is checked afresh.
    checker.removeSchema(schema);
  }
}

/** ajv's compile errors carry no pointer: recover one from the message where we can. */
function locateCompileError(schema: Record<string, unknown>, message: string): string {
  const atPath = /at (?:path )?"#([^"]*)"/.exec(message);
  if (atPath) return atPath[1] ?? '';
  const keyword = /unknown keyword: "([^"]+)"/.exec(message);
  if (keyword) return findPointer(schema, (key) => key === keyword[1]) ?? '';
  const ref = /can't resolve reference (\S+)/.exec(message);
  if (ref) return findPointer(schema, (key, value) => key === '$ref' && value === ref[1]) ?? '';
  if (message.startsWith('Invalid regular expression')) {
    return (
      findPointer(
        schema,
        (key, value) => key === 'pattern' && typeof value === 'string' && !compiles(value),
      ) ?? ''
    );
  }
  return '';
}

function findPointer(
  node: unknown,
  match: (key: string, value: unknown) => boolean,
  at = '',
): string | undefined {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) {
      const found = findPointer(item, match, at + pointerOf(i));
      if (found !== undefined) return found;
    }
  } else if (isRecord(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (match(key, value)) return at + pointerOf(key);
      const found = findPointer(value, match, at + pointerOf(key));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
