/** The assignment rules API (engine/api/routes-assignment-rules.ts). */
import { request } from '../../api/client.js';
import type { RequestBody, ResponseBody, Schemas } from '../../api/types.js';

export type AssignmentRule = Schemas['AssignmentRule'];

export type RuleSet = Schemas['AssignmentRuleSet'];

export const assignmentApi = {
  get: () => request<ResponseBody<'getAssignmentRules'>>('GET', '/api/assignment-rules'),
  save: (rules: AssignmentRule[], version: number) => request<ResponseBody<'saveAssignmentRules'>>('PUT', '/api/assignment-rules', { rules, version } satisfies RequestBody<'saveAssignmentRules'>),
  reset: (version: number) => request<ResponseBody<'resetAssignmentRules'>>('DELETE', `/api/assignment-rules?version=${version}`),
};
