/** Validate record data against an entity schema (ajv, JSON Schema 2020-12). */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as formatsModule from 'ajv-formats';
import type { Issue } from '../errors.js';
import type { EntitySchema } from '../definitions/definition.js';

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
// ajv-formats is CommonJS: its default export sits on `.default` under NodeNext.
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ??
  formatsModule) as unknown as FormatsPlugin;

/** One ajv instance for record data; `x-*` annotation keywords are allowed. */
function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'x-labels' });
  ajv.addKeyword({ keyword: 'x-widget' });
  ajv.addKeyword({ keyword: 'x-ref' });
  return ajv;
}

const ajv = createAjv();

/** Turn ajv errors into {pointer, message}, pointers prefixed by `prefix` ("/data"). */
export function ajvIssues(errors: ErrorObject[] | null | undefined, prefix = ''): Issue[] {
  return (errors ?? []).map((e) => {
    if (e.keyword === 'required') {
      const field = (e.params as { missingProperty: string }).missingProperty;
      return { pointer: `${prefix}${e.instancePath}/${field}`, message: `${field} is required` };
    }
    if (e.keyword === 'additionalProperties') {
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      return { pointer: `${prefix}${e.instancePath}/${field}`, message: `${field} is not a field of this record` };
    }
    const where = e.instancePath === '' ? 'data' : e.instancePath.slice(1).replace(/\//g, '.');
    return { pointer: `${prefix}${e.instancePath}`, message: `${where} ${e.message ?? 'is invalid'}` };
  });
}

export interface DataValidator {
  (data: unknown): Issue[];
}

/** Compile an entity schema once; the returned function lists every problem of `data`. */
export function compileDataValidator(schema: EntitySchema): DataValidator {
  // Versions of one entity share a `$id`; ajv keeps ids globally, so compile without it.
  const { $id: _id, ...anonymous } = schema;
  const validate: ValidateFunction = ajv.compile(anonymous);
  return (data) => (validate(data) ? [] : ajvIssues(validate.errors, '/data'));
}
