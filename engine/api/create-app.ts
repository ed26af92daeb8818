/**
 * The Express app: `/api` (actor → JSON body → routes → 404) and, optionally, the
 * designer's built files with a single-page-app fallback. Every error leaves through
 * one problem+json handler.
 */
import { resolve } from 'node:path';
import express from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { establishActor } from './actor.js';
import { problemHandler, routeNotFound, type ErrorLogger } from './error-handler.js';
import { definitionHistoryRoutes } from './routes-definition-history.js';
import { definitionSimulationRoutes } from './routes-definition-simulation.js';
import { definitionRoutes } from './routes-definitions.js';
import { importRoutes } from './routes-import.js';
import { inboxRoutes } from './routes-inbox.js';
import { upcomingReminderRoutes } from './routes-inbox-upcoming.js';
import { metaRoutes } from './routes-meta.js';
import { recordStepRoutes } from './routes-record-steps.js';
import { recordRoutes } from './routes-records.js';
import { relatedRoutes } from './routes-related.js';
import { registryRoutes } from './routes-registry.js';
import { segmentRoutes } from './routes-segments.js';
import { serveSinglePageApp } from './static-app.js';

export interface AppOptions {
  /** A built single-page app (designer/dist) to serve at `/`. */
  staticDir?: string;
  /** Where unexpected errors are logged; console.error by default. */
  logError?: ErrorLogger;
}

/**
 * Build the HTTP app over an engine; the caller listens.
 * @example
 * const app = createApp(engine, { staticDir: 'designer/dist' });
 * app.listen(3000);
 */
export function createApp(engine: Engine, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');

  const api = express.Router();
  // Who is asking comes before reading what they send: an anonymous write is refused
  // without parsing its body.
  api.use(establishActor);
  // Imports read bodies up to 20 MB with their own parser, so they come before the 1 MB one.
  api.use(importRoutes(engine));
  // `strict: false` lets a JSON scalar through to be refused as "not an object"
  // (invalid-request) rather than reported as malformed JSON.
  api.use(express.json({ limit: '1mb', strict: false, type: ['application/json', 'application/*+json'] }));
  api.use(metaRoutes(engine));
  api.use(definitionRoutes(engine));
  api.use(definitionHistoryRoutes(engine));
  api.use(definitionSimulationRoutes(engine));
  api.use(registryRoutes(engine));
  api.use(recordRoutes(engine));
  api.use(recordStepRoutes(engine));
  api.use(relatedRoutes(engine));
  api.use(inboxRoutes(engine));
  api.use(segmentRoutes(engine));
  api.use(upcomingReminderRoutes(engine));
  api.use(routeNotFound);
  app.use('/api', api);

  if (options.staticDir !== undefined) serveSinglePageApp(app, resolve(options.staticDir));
  app.use(routeNotFound);
  app.use(problemHandler(options.logError));
  return app;
}
