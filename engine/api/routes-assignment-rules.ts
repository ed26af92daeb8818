/**
 * The assignment rules admins edit (../runtime/assignment-rules.ts): `GET`, `PUT` (the
 * whole list, naming the version it was based on) and `DELETE` (back to the packs' rules).
 */
import type { Router } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { settingContractList, settingContracts, settingRoutes, type SettingRoute } from './admin-setting-routes.js';
import { ref } from './openapi-common.js';
import { packDef } from './pack-schemas.js';

const ASSIGNMENT_RULES_ROUTE: SettingRoute = { path: '/assignment-rules', field: 'rules', maxItems: 200 };

const RULE_SET = {
  type: 'object',
  required: ['rules', 'version', 'declared'],
  properties: {
    rules: { type: 'array', items: ref('AssignmentRule'), description: 'the rules in force, first match wins' },
    version: { type: 'integer', description: "0: the packs' rules; each admin save adds one" },
    declared: { type: 'array', items: ref('AssignmentRule'), description: "the packs' rules" },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
  },
};

/** An assignment rule, as the pack format declares it. */
export const assignmentSchemas: Record<string, unknown> = { AssignmentRule: packDef('assignmentRule'), AssignmentRuleSet: RULE_SET };

const rules = settingContracts(ASSIGNMENT_RULES_ROUTE, {
  tag: 'assignment',
  operation: 'AssignmentRules',
  view: ref('AssignmentRuleSet'),
  describe: {
    get: 'Who gets new unowned records (from web forms, conversations, automations): the rules in force.',
    put: 'Replace the rules, naming the version the edit was based on (a stale version is a 409).',
    reset: "Go back to the packs' rules.",
  },
  answers: { get: 'The rules', put: 'The rules saved', reset: "The packs' rules" },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const assignmentRuleContracts = settingContractList(rules);

/** @example api.use(assignmentRuleRoutes(engine)); */
export function assignmentRuleRoutes(engine: Engine): Router {
  return settingRoutes(ASSIGNMENT_RULES_ROUTE, rules, () => engine.assignmentRules);
}
