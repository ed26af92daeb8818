/** The OpenAPI path of an entity's all-or-nothing import (./routes-import.ts). */
import { jsonBody, jsonResponse, problems, ref, WRITE_SECURITY } from './openapi-common.js';
import { IMPORT_ROW_LIMIT } from '../runtime/core/index.js';

type Json = Record<string, unknown>;

/**
 * `POST /api/records/<entity>/import` for one entity, whose data schema is `<name>Data`.
 * @example Object.assign(paths, importPaths('lead', 'Lead'));
 */
export function importPaths(entity: string, name: string): Json {
  return {
    [`/api/records/${entity}/import`]: {
      post: {
        operationId: `import${name}`,
        tags: [entity],
        security: WRITE_SECURITY,
        summary: `Create many ${entity} records, all or nothing`,
        description:
          `Every row is checked as a single create is (schema, the initial stage's required fields, data actions). ` +
          `When any row fails, nothing is written and the 422 problem lists every issue with a pointer into the rows ` +
          `(\`/rows/3/data/phone\`). Otherwise all records are written in one commit. At most ${IMPORT_ROW_LIMIT} rows; ` +
          `the body may weigh up to 20 MB. \`dryRun: true\` only checks.`,
        requestBody: jsonBody({
          type: 'object',
          additionalProperties: false,
          required: ['rows'],
          properties: {
            rows: {
              type: 'array',
              minItems: 1,
              maxItems: IMPORT_ROW_LIMIT,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['data'],
                properties: { data: ref(`${name}Data`), owner: { type: 'string', maxLength: 100 } },
              },
            },
            dryRun: { type: 'boolean', default: false },
          },
        }),
        responses: {
          200: jsonResponse('A dry run: every row is valid; nothing was written', {
            type: 'object',
            required: ['dryRun', 'valid'],
            properties: { dryRun: { const: true }, valid: { type: 'integer' } },
          }),
          201: jsonResponse('Every row was imported', {
            type: 'object',
            required: ['imported', 'ids'],
            properties: { imported: { type: 'integer' }, ids: { type: 'array', items: { type: 'string' } } },
          }),
          ...problems({
            400: 'invalid-request (not an array, too many rows), malformed-json',
            401: 'unauthenticated',
            403: 'forbidden',
            404: 'unknown-entity',
            413: 'invalid-request: the body is over 20 MB',
            422: 'import-rejected: the errors point at the failing rows and fields; nothing was written',
          }),
        },
      },
    },
  };
}
