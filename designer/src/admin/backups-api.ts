/** The backups API as the admin page uses it (engine/api/routes-backups.ts). */
import { request } from '../api/client.js';

export type BackupStep = 'copying' | 'checking' | 'compressing' | 'done';

export interface BackupStatus {
  dir: string;
  schedule?: { cron: string; timeZone: string; nextRunAt: string | null };
  retention: { daily: number; weekly: number };
  running?: { startedAt: string; by: string; step: BackupStep };
  last?: { ok: boolean; at: string; by: string; file?: string; bytes?: number; seconds: number; records?: number; error?: string };
  backups: { name: string; takenAt: string; bytes: number }[];
}

export const backupsApi = {
  status: () => request<BackupStatus>('GET', '/api/admin/backups'),
  start: () => request<BackupStatus>('POST', '/api/admin/backups'),
};
