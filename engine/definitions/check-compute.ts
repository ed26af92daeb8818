/**
 * The check of `x-compute` (engine/runtime/core/field-roles.ts): a known operation over fields
 * of the same object that hold numbers (`lines[].amount`: a number field of a list's
 * items), on a number field; `product` multiplies single fields only.
 */
import type { Issue } from '../errors.js';
import { isRecord, pointerOf } from './json-pointer.js';
import { COMPUTE_KEYWORD } from '../runtime/core/index.js';

const OPS = ['product', 'sum', 'difference'];
const isNumber = (field: unknown) => isRecord(field) && (field.type === 'number' || field.type === 'integer');

/** Why `path` does not read numbers of `object`'s properties, or undefined when it does. */
function operandProblem(properties: Record<string, unknown>, path: string, op: string): string | undefined {
  const [list, inner] = path.split('[].', 2) as [string, string | undefined];
  const field = properties[list];
  if (!isRecord(field)) return `"${list}" is not a field beside it`;
  if (inner === undefined) return isNumber(field) ? undefined : `"${list}" does not hold a number`;
  if (op === 'product') return `"${path}" reads many numbers: product multiplies single fields`;
  const items = isRecord(field.items) && isRecord(field.items.properties) ? field.items.properties : undefined;
  if (!items) return `"${list}" is not a list of objects`;
  return operandProblem(items, inner, op);
}

function visit(schema: unknown, at: string, issues: Issue[]): void {
  if (!isRecord(schema) || !isRecord(schema.properties)) return;
  const properties = schema.properties;
  for (const [key, field] of Object.entries(properties)) {
    if (!isRecord(field)) continue;
    const here = at + pointerOf('properties', key);
    const compute = field[COMPUTE_KEYWORD];
    if (compute !== undefined) {
      const pointer = here + pointerOf(COMPUTE_KEYWORD);
      if (!isRecord(compute) || !OPS.includes(compute.op as string) || !Array.isArray(compute.fields) || compute.fields.length === 0) {
        issues.push({ pointer, message: `field "${key}": ${COMPUTE_KEYWORD} needs "op" (${OPS.join(', ')}) and a non-empty list "fields"` });
      } else {
        if (!isNumber(field)) issues.push({ pointer, message: `field "${key}" is computed, so it must be a number or an integer` });
        compute.fields.forEach((path, i) => {
          const problem = typeof path === 'string' ? operandProblem(properties, path, compute.op as string) : 'is not a field name';
          if (problem) issues.push({ pointer: pointer + pointerOf('fields', i), message: `field "${key}" is computed from ${problem}` });
        });
      }
    }
    if (isRecord(field.items)) visit(field.items, here + pointerOf('items'), issues);
  }
}

/**
 * @example
 * checkCompute({ properties: { total: { type: 'integer', 'x-compute': { op: 'sum', fields: ['ghost'] } } } })
 * // [{ pointer: '/properties/total/x-compute/fields/0', message: 'field "total" is computed from "ghost" is not a field beside it' }]
 */
export function checkCompute(schema: unknown): Issue[] {
  const issues: Issue[] = [];
  visit(schema, '', issues);
  return issues;
}
