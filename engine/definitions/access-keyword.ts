/**
 * `x-access` on an entity schema's root: which roles see every record of the entity
 * (`{ "seeAll": ["accountant", "operator"] }`). Without it, people other than admins and
 * managers see only the records they own or handle and the ones nobody owns yet
 * (engine/api/authorize.ts).
 */
import { isRecord } from './json-pointer.js';

/** The roles users may have (DESIGN.md decision 9). */
export const ROLES = ['admin', 'manager', 'marketing', 'sales', 'operator', 'accountant'] as const;
export type Role = (typeof ROLES)[number];

export const ACCESS_KEYWORD = 'x-access';

/** The keyword's meta-schema: ajv checks it whenever an entity schema is validated. */
export const ACCESS_META_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { seeAll: { type: 'array', items: { enum: [...ROLES] }, uniqueItems: true } },
} as const;

/**
 * The roles that see every record of an entity with this schema.
 * @example seeAllRoles({ 'x-access': { seeAll: ['accountant'] } }) // ['accountant']
 */
export function seeAllRoles(schema: unknown): Role[] {
  const access = isRecord(schema) ? schema[ACCESS_KEYWORD] : undefined;
  const seeAll = isRecord(access) ? access.seeAll : undefined;
  return Array.isArray(seeAll) ? seeAll.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r)) : [];
}
