/**
 * The Express app: `/api` (session → JSON body → routes → 404) and, optionally, the
 * designer's built files with a single-page-app fallback. Every error leaves through
 * one problem+json handler.
 */
import { resolve } from 'node:path';
import express from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { authenticate } from './auth.js';
import { publicRoutes } from './contract.js';
import { ROUTE_CONTRACTS } from './route-contracts.js';
import { jsonBodyParser } from './json-input.js';
import type { RecordPolicy } from './authorize.js';
import { problemHandler, routeNotFound, type ErrorLogger } from './error-handler.js';
import { definitionHistoryRoutes } from './routes-definition-history.js';
import { definitionChangeRoutes } from './routes-definition-changes.js';
import { definitionSimulationRoutes } from './routes-definition-simulation.js';
import { definitionRoutes } from './routes-definitions.js';
import { importRoutes } from './routes-import.js';
import { inboxRoutes } from './routes-inbox.js';
import { conversationRoutes } from './routes-conversations.js';
import { assignmentRuleRoutes } from './routes-assignment-rules.js';
import { reportRoutes } from './routes-reports.js';
import { dashboardRoutes } from './routes-dashboards.js';
import { upcomingReminderRoutes } from './routes-inbox-upcoming.js';
import { metaRoutes } from './routes-meta.js';
import { openApiSource } from './openapi.js';
import { authRoutes } from './routes-auth.js';
import { recordStepRoutes } from './routes-record-steps.js';
import { automationRoutes } from './routes-automations.js';
import { choiceRoutes } from './routes-choices.js';
import { channelRoutes } from './routes-channels.js';
import { backupRoutes } from './routes-backups.js';
import type { BackupService } from '../backup/backup-service.js';
import { trackingRoutes } from './routes-tracking.js';
import { formRoutes } from './routes-forms.js';
import { recordRoutes } from './routes-records.js';
import { relatedRoutes } from './routes-related.js';
import { registryRoutes } from './routes-registry.js';
import { segmentRoutes } from './routes-segments.js';
import { userRoutes } from './routes-users.js';
import { serveSinglePageApp } from './static-app.js';
import type { Sessions, UserDirectory } from '../runtime/access/index.js';

/** Who is who and who may see what: every route but sign-in needs a session. */
export interface Access {
  users: UserDirectory;
  sessions: Sessions;
  policy: RecordPolicy;
}

export interface AppOptions {
  /** A built single-page app (designer/dist) to serve at `/`. */
  staticDir?: string;
  /** Where unexpected errors are logged; console.error by default. */
  logError?: ErrorLogger;
  /**
   * Express's `trust proxy` (TRUST_PROXY): set it behind a reverse proxy that ends TLS, so
   * the session cookie is marked Secure and sign-in locks key on the client's address.
   */
  trustProxy?: boolean | number | string;
  /** Backups of the embedded store admins take and follow (./routes-backups.ts). */
  backups?: BackupService;
}

/**
 * Build the HTTP app over an engine; the caller listens.
 * @example
 * const app = createApp(engine, access, { staticDir: 'designer/dist' });
 * app.listen(3000);
 */
export function createApp(engine: Engine, access: Access, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);

  // Links in messages and providers' callbacks come without a session (./routes-tracking.ts).
  app.use(trackingRoutes(engine));
  app.use(formRoutes(engine));

  const api = express.Router();
  // Who is asking comes before reading what they send: an anonymous request is refused
  // without parsing its body.
  api.use(authenticate(access.sessions, publicRoutes(ROUTE_CONTRACTS)));
  // Imports read bodies up to 20 MB with their own parser, so they come before the 1 MB one.
  api.use(importRoutes(engine, access.policy));
  // Every body is read by one parser: depth, `__proto__`, lone surrogates, NFC (./json-input.ts).
  // A JSON scalar gets through to be refused as "not an object" (invalid-request).
  api.use(jsonBodyParser('1mb'));
  api.use(authRoutes(access.sessions));
  api.use(userRoutes(access.users, access.sessions));
  api.use(metaRoutes(engine, openApiSource(engine)));
  api.use(definitionRoutes(engine));
  api.use(definitionHistoryRoutes(engine));
  api.use(definitionChangeRoutes(engine));
  api.use(definitionSimulationRoutes(engine));
  api.use(registryRoutes(engine));
  api.use(choiceRoutes(engine, access.policy));
  api.use(recordRoutes(engine, access.policy));
  api.use(recordStepRoutes(engine, access.policy));
  api.use(relatedRoutes(engine, access.policy));
  api.use(inboxRoutes(engine));
  api.use(conversationRoutes(engine, access.policy));
  api.use(automationRoutes(engine));
  api.use(assignmentRuleRoutes(engine));
  api.use(reportRoutes(engine, access.policy));
  api.use(dashboardRoutes(engine));
  api.use(channelRoutes(engine, access.policy));
  api.use(segmentRoutes(engine));
  api.use(upcomingReminderRoutes(engine));
  api.use(backupRoutes(options.backups));
  api.use(routeNotFound);
  app.use('/api', api);

  if (options.staticDir !== undefined) serveSinglePageApp(app, resolve(options.staticDir));
  app.use(routeNotFound);
  app.use(problemHandler(options.logError));
  return app;
}
