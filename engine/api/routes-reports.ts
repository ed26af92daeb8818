/**
 * Reports (../runtime/reports.ts): `GET /reports` lists those the reader may run;
 * `GET /reports/:id?<param>=…` runs one over what the reader may see (the web app writes its
 * CSV from these rows, as it does a list's).
 */
import { Router, type Request } from 'express';
import type { Engine } from '../runtime/engine-port.js';
import { userOf } from './auth.js';
import type { RecordPolicy } from './authorize.js';
import { invalidRequest } from './validate-request.js';

export const REPORT_ID = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' };

function reportId(req: Request): string {
  const id = req.params.id;
  if (typeof id !== 'string' || !new RegExp(REPORT_ID.pattern).test(id)) throw invalidRequest([{ pointer: '/params/id', message: 'must be a report id' }]);
  return id;
}

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
  const run = async (req: Request, res: Parameters<typeof userOf>[0]) => {
    const id = reportId(req);
    const user = userOf(res);
    const report = engine.listReports(user.roles).find((r) => r.id === id);
    const scope = report ? await policy.scope(user, report.entity) : undefined;
    return engine.runReport(id, { roles: user.roles, scope }, paramsOf(req));
  };

  router.get('/reports', (_req, res) => {
    res.json({ items: engine.listReports(userOf(res).roles) });
  });
  router.get('/reports/:id', async (req, res) => {
    res.json(await run(req, res));
  });
  return router;
}
