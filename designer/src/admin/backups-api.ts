/** The backups API as the admin page uses it (engine/api/routes-backups.ts). */
import { request } from '../api/client.js';
import type { ResponseBody } from '../api/types.js';

export type BackupStep = 'copying' | 'checking' | 'compressing' | 'done';

export type BackupStatus = ResponseBody<'backupStatus'>;

export const backupsApi = {
  status: () => request<BackupStatus>('GET', '/api/admin/backups'),
  start: () => request<BackupStatus>('POST', '/api/admin/backups'),
};
