/**
 * Backups for admins (docs/operations.md): `GET /admin/backups` (the schedule, the run under
 * way and its step, the last result, the backups kept) and `POST /admin/backups` (back up
 * now; 202 with the status, 409 while one is under way).
 */
import { Router } from 'express';
import { BACKUP_STATUS_SCHEMA, type BackupService } from '../backup/backup-service.js';
import { UserError } from '../errors.js';
import { actorOf } from './auth.js';
import { contract, serve } from './contract.js';


const backupStatus = contract({
  method: 'get',
  path: '/admin/backups',
  operationId: 'backupStatus',
  tags: ['admin'],
  summary: 'Backups of the embedded store',
  description: 'The schedule, the backup under way and its step, the last result and the backups kept, newest first (docs/operations.md). 404 on MongoDB.',
  roles: ['admin'],
  responses: { 200: { description: 'The backups', schema: BACKUP_STATUS_SCHEMA } },
  problems: { 404: 'not-found' },
});

const startBackup = contract({
  method: 'post',
  path: '/admin/backups',
  operationId: 'startBackup',
  tags: ['admin'],
  summary: 'Back up now',
  description: 'Starts a backup of the running store; answers at once with the status (`running`). One at a time.',
  roles: ['admin'],
  responses: { 202: { description: 'Started', schema: BACKUP_STATUS_SCHEMA } },
  problems: { 400: 'invalid-request', 404: 'not-found', 409: 'already-running' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const backupContracts = [backupStatus, startBackup];

export function backupRoutes(backups: BackupService | undefined): Router {
  const router = Router();
  const service = (): BackupService => {
    if (!backups?.available) throw new UserError('not-found', 'This server keeps its data in MongoDB: back it up with mongodump or your provider’s backups (docs/operations.md)');
    return backups;
  };

  serve(router, backupStatus, async (_input, _req, res) => {
    res.json(await service().status());
  });

  serve(router, startBackup, async (_input, _req, res) => {
    const running = service();
    const { done } = running.start(actorOf(res));
    // The outcome is kept for the status; nobody waits on it here.
    done.catch(() => undefined);
    res.status(202).json(await running.status());
  });

  return router;
}
