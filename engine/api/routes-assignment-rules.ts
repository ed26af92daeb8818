/**
 * The assignment rules admins edit (../runtime/assignment-rules.ts): `GET`, `PUT` (the
 * whole list, naming the version it was based on) and `DELETE` (back to the packs' rules).
 */
import type { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { settingRoutes, type SettingRoute } from './admin-setting-routes.js';

export const ASSIGNMENT_RULES_ROUTE: SettingRoute = { path: '/assignment-rules', field: 'rules', maxItems: 200 };

/** @example api.use(assignmentRuleRoutes(engine)); */
export function assignmentRuleRoutes(engine: Engine): Router {
  return settingRoutes(ASSIGNMENT_RULES_ROUTE, () => engine.assignmentRules);
}
