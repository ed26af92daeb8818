/** OpenAPI paths of the reports (./routes-reports.ts). */
import { jsonResponse, problems, ref, WRITE_SECURITY } from './openapi-common.js';
import { REPORT_ID } from './routes-reports.js';

const SUMMARY = {
  type: 'object',
  required: ['id', 'labels', 'entity', 'columns', 'chart'],
  properties: {
    id: { type: 'string' },
    labels: ref('Labels'),
    description: ref('Labels'),
    entity: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    params: { type: 'object', additionalProperties: { type: 'object', properties: { kind: { enum: ['period', 'user', 'ref'] }, field: { type: 'string' }, labels: ref('Labels'), entity: { type: 'string' }, default: { type: 'string' } } } },
    columns: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, labels: ref('Labels'), format: { type: 'string' }, field: { type: 'string' } } } },
    chart: { type: 'object', properties: { kind: { enum: ['bar', 'line', 'funnel', 'table', 'number'] }, x: { type: 'string' }, y: { type: 'array', items: { type: 'string' } }, series: { type: 'string' } } },
    drill: { type: 'object', additionalProperties: { type: 'string' } },
    base: { type: 'object', description: 'the conditions the report’s first stage puts on the records (where a drill-down’s list starts)' },
  },
};

const PARAMS = {
  name: 'params',
  in: 'query',
  required: false,
  style: 'form',
  explode: true,
  schema: { type: 'object', additionalProperties: { type: 'string' } },
  description: 'The report’s parameters by name: a period (2026-11, 2026-Q4, 2026, 2026-11-01..2026-11-30, this-month, this-quarter, this-year, last-12-months, all), a user id, a record id.',
};

export const reportPaths: Record<string, unknown> = {
  '/api/reports': {
    get: {
      operationId: 'listReports',
      tags: ['reports'],
      security: WRITE_SECURITY,
      description: 'The reports the reader may run.',
      responses: { 200: jsonResponse('Reports', { type: 'object', properties: { items: { type: 'array', items: SUMMARY } } }), ...problems({ 401: 'unauthenticated' }) },
    },
  },
  '/api/reports/{id}': {
    parameters: [{ name: 'id', in: 'path', required: true, schema: REPORT_ID }],
    get: {
      operationId: 'runReport',
      tags: ['reports'],
      security: WRITE_SECURITY,
      description: 'Run a report over the records the reader may see.',
      parameters: [PARAMS],
      responses: {
        200: jsonResponse('The rows', { type: 'object', properties: { report: SUMMARY, rows: { type: 'array', items: { type: 'object' } }, params: { type: 'object' } } }),
        ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 404: 'not-found' }),
      },
    },
  },
};
