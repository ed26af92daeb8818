/** Validate record data against an entity schema (ajv, JSON Schema 2020-12). */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Issue } from '../../errors.js';
import type { EntitySchema } from '../../definitions/definition.js';
import { createEntityAjv } from '../../definitions/entity-ajv.js';

// The loader's ajv set-up, so that a schema that loads is exactly what runs.
const ajv = createEntityAjv();

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
