/**
 * Every route's contract (./contract.ts), in one list: the OpenAPI document is made of them
 * (./openapi.ts), and `authenticate` lets through the ones that say `roles: 'public'`.
 */
import type { RouteContract } from './contract.js';
import { assignmentRuleContracts } from './routes-assignment-rules.js';
import { authContracts } from './routes-auth.js';
import { dashboardContracts } from './routes-dashboards.js';
import { definitionChangeContracts } from './routes-definition-changes.js';
import { definitionHistoryContracts } from './routes-definition-history.js';
import { simulationContracts } from './routes-definition-simulation.js';
import { definitionContracts } from './routes-definitions.js';
import { formContracts } from './routes-forms.js';
import { importContracts } from './routes-import.js';
import { recordStepContracts } from './routes-record-steps.js';
import { recordContracts } from './routes-records.js';
import { relatedContracts } from './routes-related.js';
import { reportContracts } from './routes-reports.js';
import { segmentContracts } from './routes-segments.js';
import { trackingContracts } from './routes-tracking.js';
import { automationContracts } from './routes-automations.js';
import { inboxContracts } from './routes-inbox.js';
import { upcomingContracts } from './routes-inbox-upcoming.js';
import { backupContracts } from './routes-backups.js';
import { channelContracts } from './routes-channels.js';
import { choiceContracts } from './routes-choices.js';
import { conversationContracts } from './routes-conversations.js';
import { metaContracts } from './routes-meta.js';
import { registryContracts } from './routes-registry.js';
import { userContracts } from './routes-users.js';

export const ROUTE_CONTRACTS: readonly RouteContract[] = [...authContracts, ...userContracts, ...metaContracts, ...registryContracts, ...backupContracts, ...channelContracts, ...inboxContracts, ...automationContracts, ...upcomingContracts, ...reportContracts, ...dashboardContracts, ...assignmentRuleContracts, ...conversationContracts, ...segmentContracts, ...definitionContracts, ...definitionHistoryContracts, ...simulationContracts, ...definitionChangeContracts, ...formContracts, ...trackingContracts, ...recordContracts, ...recordStepContracts, ...relatedContracts, ...choiceContracts, ...importContracts];
