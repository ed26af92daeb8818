/**
 * Dashboards per role (../runtime/dashboards.ts): `GET /dashboards` gives a reader the
 * dashboards of their roles; admins arrange them at `/dashboard-layouts` (`GET`, `PUT` the
 * whole list naming the version it was based on, `DELETE` back to the packs' dashboards).
 */
import { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { settingRoutes, type SettingRoute } from './admin-setting-routes.js';
import { userOf } from './auth.js';

export const DASHBOARD_LAYOUTS_ROUTE: SettingRoute = { path: '/dashboard-layouts', field: 'dashboards', maxItems: 6 };

/** @example api.use(dashboardRoutes(engine)); */
export function dashboardRoutes(engine: Engine): Router {
  const router = Router();
  router.get('/dashboards', async (_req, res) => {
    res.json({ items: await engine.dashboards.forReader(userOf(res).roles) });
  });
  router.use(settingRoutes(DASHBOARD_LAYOUTS_ROUTE, () => engine.dashboards));
  return router;
}
