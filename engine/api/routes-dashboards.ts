/**
 * Dashboards per role (../runtime/dashboards.ts): `GET /dashboards` gives a reader the
 * dashboards of their roles; admins arrange them at `/dashboard-layouts` (`GET`, `PUT` the
 * whole list naming the version it was based on, `DELETE` back to the packs' dashboards).
 */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { settingContractList, settingContracts, settingRoutes, type SettingRoute } from './admin-setting-routes.js';
import { userOf } from './auth.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';

const DASHBOARD_LAYOUTS_ROUTE: SettingRoute = { path: '/dashboard-layouts', field: 'dashboards', maxItems: 6 };

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

const listDashboards = contract({
  method: 'get',
  path: '/dashboards',
  operationId: 'listDashboards',
  tags: ['reports'],
  description: 'The dashboards of the reader’s roles (admins: every one), each with the reports the reader may run, in order.',
  responses: { 200: { description: 'Dashboards', schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Dashboard') } } } } },
});

const layouts = settingContracts(DASHBOARD_LAYOUTS_ROUTE, {
  tag: 'reports',
  operation: 'DashboardLayouts',
  view: ref('DashboardLayouts'),
  describe: {
    get: 'Every role’s dashboard as arranged now.',
    put: 'Replace the dashboards, naming the version the arrangement was based on (a stale version is a 409).',
    reset: "Go back to the packs' dashboards.",
  },
  answers: { get: 'The dashboards', put: 'The dashboards saved', reset: "The packs' dashboards" },
});

/** The dashboards and their layouts the routes below answer with. */
export const dashboardSchemas: Record<string, unknown> = { Dashboard: DASHBOARD, DashboardLayouts: LAYOUTS };

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const dashboardContracts = [listDashboards, ...settingContractList(layouts)];

/** @example api.use(dashboardRoutes(engine)); */
export function dashboardRoutes(engine: Engine): Router {
  const router = Router();
  serve(router, listDashboards, async (_input, _req, res) => {
    res.json({ items: await engine.dashboards.forReader(userOf(res).roles) });
  });
  router.use(settingRoutes(DASHBOARD_LAYOUTS_ROUTE, layouts, () => engine.dashboards));
  return router;
}
