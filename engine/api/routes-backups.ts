/**
 * Backups for admins (docs/operations.md): `GET /admin/backups` (the schedule, the run under
 * way and its step, the last result, the backups kept) and `POST /admin/backups` (back up
 * now; 202 with the status, 409 while one is under way).
 */
import { Router } from 'express';
import type { BackupService } from '../backup/backup-service.js';
import { UserError } from '../errors.js';
import { actorOf } from './auth.js';
import { requireRole } from './authorize.js';
import { assertNoBody } from './validate-request.js';

/** @example api.use(backupRoutes(backups)); */
export function backupRoutes(backups: BackupService | undefined): Router {
  const router = Router();
  const service = (): BackupService => {
    if (!backups?.available) throw new UserError('not-found', 'This server keeps its data in MongoDB: back it up with mongodump or your provider’s backups (docs/operations.md)');
    return backups;
  };

  router.get('/admin/backups', async (_req, res) => {
    requireRole(res, 'admin');
    res.json(await service().status());
  });

  router.post('/admin/backups', async (req, res) => {
    requireRole(res, 'admin');
    assertNoBody(req);
    const running = service();
    const { done } = running.start(actorOf(res));
    // The outcome is kept for the status; nobody waits on it here.
    done.catch(() => undefined);
    res.status(202).json(await running.status());
  });

  return router;
}
