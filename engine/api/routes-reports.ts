/**
 * Reports (../runtime/read/reports.ts): `GET /reports` lists those the reader may run;
 * `GET /reports/:id?<param>=…` runs one over what the reader may see (the web app writes its
 * CSV from these rows, as it does a list's).
 */
import { Router, type Request } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { userOf } from './auth.js';
import type { RecordPolicy } from './authorize.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import { invalidRequest } from './validate-request.js';

const REPORT_ID = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$', description: 'a report id' } as const;

/** A report as listed (`components.schemas.ReportSummary`): what to ask and how to show it, not its stages. */
const SUMMARY = {
  type: 'object',
  required: ['id', 'labels', 'entity', 'columns', 'chart'],
  properties: {
    id: { type: 'string' },
    labels: ref('Labels'),
    description: ref('Labels'),
    entity: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    params: {
      type: 'object',
      additionalProperties: { type: 'object', required: ['kind', 'field', 'labels'], properties: { kind: { enum: ['period', 'user', 'team', 'ref'] }, field: { type: 'string' }, labels: ref('Labels'), entity: { type: 'string' }, default: { type: 'string' } } },
    },
    columns: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'labels'],
        properties: { key: { type: 'string' }, labels: ref('Labels'), format: { enum: ['text', 'number', 'money', 'percent', 'month', 'user', 'choice', 'labels'] }, field: { type: 'string' }, entity: { type: 'string', description: 'choice: the entity whose field it is, when not the report’s' } },
      },
    },
    chart: { type: 'object', required: ['kind'], properties: { kind: { enum: ['bar', 'line', 'funnel', 'table', 'number'] }, x: { type: 'string' }, y: { type: 'array', items: { type: 'string' } }, series: { type: 'string' } } },
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

const listReports = contract({
  method: 'get',
  path: '/reports',
  operationId: 'listReports',
  tags: ['reports'],
  description: 'The reports the reader may run.',
  responses: { 200: { description: 'Reports', schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('ReportSummary') } } } } },
});

const runReport = contract({
  method: 'get',
  path: '/reports/:id',
  operationId: 'runReport',
  tags: ['reports'],
  description: 'Run a report over the records the reader may see.',
  params: { id: REPORT_ID },
  otherParameters: [PARAMS],
  responses: { 200: { description: 'The rows', schema: { type: 'object', required: ['report', 'rows', 'params'], properties: { report: ref('ReportSummary'), rows: { type: 'array', items: ref('ReportRow') }, params: { type: 'object', description: 'the parameters the report ran with, defaults filled in' } } } } },
  problems: { 400: 'invalid-request', 404: 'not-found' },
});

/** The report summary the routes below answer with. */
export const reportSchemas: Record<string, unknown> = {
  ReportSummary: SUMMARY,
  ReportRow: {
    type: 'object',
    description: "One row: the report's columns by key (dotted keys are nested).",
    additionalProperties: true,
    properties: {
      _drill: {
        type: 'object',
        description: "A funnel step's records: their entity and the conditions a list of them takes.",
        required: ['entity', 'where'],
        properties: { entity: { type: 'string' }, where: { type: 'object' } },
      },
    },
  },
};

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const reportContracts = [listReports, runReport];

/** The query's parameters, each given once as text. */
function paramsOf(req: Request): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query)) {
    if (typeof value !== 'string') throw invalidRequest([{ pointer: `/query/${name}`, message: 'must be given once, as text' }]);
    params[name] = value;
  }
  return params;
}

/** @example api.use(reportRoutes(engine, policy)); */
export function reportRoutes(engine: Engine, policy: RecordPolicy): Router {
  const router = Router();
  serve(router, listReports, (_input, _req, res) => {
    res.json({ items: engine.listReports(userOf(res).roles) });
  });
  serve(router, runReport, async ({ params: { id } }, req, res) => {
    const user = userOf(res);
    const report = engine.listReports(user.roles).find((r) => r.id === id);
    const scope = report ? await policy.scope(user, report.entity) : undefined;
    res.json(await engine.runReport(id, { roles: user.roles, scope }, paramsOf(req)));
  });
  return router;
}
