/**
 * The check of `x-title`, the fields that name a record: each is a top-level field whose
 * value reads as a name (text, a number or a date), not a choice or a reference, whose
 * raw value would show people a code or an id.
 */
import type { Issue } from '../errors.js';
import { isRecord, pointerOf } from './json-pointer.js';

/**
 * @example
 * checkTitle({ 'x-title': ['ghost'], properties: {} })
 * // [{ pointer: '/x-title/0', message: 'x-title names "ghost", which is not a field of the schema' }]
 */
export function checkTitle(schema: unknown): Issue[] {
  if (!isRecord(schema) || !Array.isArray(schema['x-title'])) return [];
  const properties = isRecord(schema.properties) ? schema.properties : {};
  return schema['x-title'].flatMap((key: unknown, i): Issue[] => {
    const pointer = pointerOf('x-title', i);
    if (typeof key !== 'string') return [];
    const field = properties[key];
    if (!isRecord(field)) return [{ pointer, message: `x-title names "${key}", which is not a field of the schema` }];
    if (field.enum !== undefined || field['x-ref'] !== undefined)
      return [{ pointer, message: `x-title names "${key}", a ${field.enum !== undefined ? 'choice' : 'reference'}: a name must be text, a number or a date` }];
    if (!['string', 'number', 'integer'].includes(field.type as string))
      return [{ pointer, message: `x-title names "${key}" of type ${JSON.stringify(field.type)}: a name must be text, a number or a date` }];
    return [];
  });
}

/**
 * The check of `x-boardSum`: a number field of the schema.
 * @example checkBoardSum({ 'x-boardSum': 'title', properties: { title: { type: 'string' } } }) // [{ pointer: '/x-boardSum', … }]
 */
export function checkBoardSum(schema: unknown): Issue[] {
  if (!isRecord(schema) || schema['x-boardSum'] === undefined) return [];
  const key = schema['x-boardSum'];
  const field = isRecord(schema.properties) && typeof key === 'string' ? schema.properties[key] : undefined;
  if (isRecord(field) && (field.type === 'number' || field.type === 'integer')) return [];
  return [{ pointer: '/x-boardSum', message: `x-boardSum names ${JSON.stringify(key)}, which is not a number field of the schema` }];
}
