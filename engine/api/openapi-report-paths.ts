/** OpenAPI paths of the reports (./routes-reports.ts). */
import { jsonResponse, problems, ref, WRITE_SECURITY } from './openapi-common.js';
import { settingPaths } from './admin-setting-routes.js';
import { DASHBOARD_LAYOUTS_ROUTE } from './routes-dashboards.js';
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

const DASHBOARD = {
  type: 'object',
  required: ['role', 'reports'],
  properties: {
    role: { type: 'string' },
    kpis: { type: 'boolean', description: 'the KPI targets under way come first' },
    reports: { type: 'array', items: { type: 'object', required: ['report'], properties: { report: { type: 'string' }, wide: { type: 'boolean' } } } },
  },
};
const LAYOUTS = {
  type: 'object',
  required: ['value', 'version', 'declared'],
  properties: {
    value: { type: 'array', items: DASHBOARD },
    version: { type: 'integer', description: "0: the packs' dashboards; each admin save adds one" },
    declared: { type: 'array', items: DASHBOARD },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
  },
};

export const dashboardPaths: Record<string, unknown> = {
  '/api/dashboards': {
    get: {
      operationId: 'listDashboards',
      tags: ['reports'],
      security: WRITE_SECURITY,
      description: 'The dashboards of the reader’s roles (admins: every one), each with the reports the reader may run, in order.',
      responses: { 200: jsonResponse('Dashboards', { type: 'object', properties: { items: { type: 'array', items: DASHBOARD } } }), ...problems({ 401: 'unauthenticated' }) },
    },
  },
  ...settingPaths(DASHBOARD_LAYOUTS_ROUTE, {
    tag: 'reports',
    operation: 'DashboardLayouts',
    view: LAYOUTS,
    describe: {
      get: 'Every role’s dashboard as arranged now. Admins only.',
      put: 'Replace the dashboards, naming the version the arrangement was based on (a stale version is a 409). Admins only.',
      reset: "Go back to the packs' dashboards. Admins only.",
    },
    answers: { get: 'The dashboards', put: 'The dashboards saved', reset: "The packs' dashboards" },
  }),
};
