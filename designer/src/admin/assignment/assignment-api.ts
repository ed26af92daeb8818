/** The assignment rules API (engine/api/routes-assignment-rules.ts). */
import { request } from '../../api/client.js';
import type { Labels } from '../../model/pack-types.js';

export interface AssignmentRule {
  id: string;
  labels: Labels;
  entity: string;
  when?: Record<string, unknown>;
  strategy: 'round-robin' | 'least-loaded' | 'by-field';
  role: string;
  field?: string;
  map?: Record<string, string[]>;
  event?: string;
  eventField?: string;
}

export interface RuleSet {
  rules: AssignmentRule[];
  version: number;
  declared: AssignmentRule[];
  updatedAt?: string;
  updatedBy?: string;
}

export const assignmentApi = {
  get: () => request<RuleSet>('GET', '/api/assignment-rules'),
  save: (rules: AssignmentRule[], version: number) => request<RuleSet>('PUT', '/api/assignment-rules', { rules, version }),
  reset: (version: number) => request<RuleSet>('DELETE', `/api/assignment-rules?version=${version}`),
};
