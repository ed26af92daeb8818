import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../engine/config.js';

describe('backup settings from the environment', () => {
  it('back up nightly at 02:00 into ./backups, keeping 7 daily and 4 weekly, unless told otherwise', () => {
    expect(readConfig({}, '/srv/tourflow').backups).toEqual({ dir: '/srv/tourflow/backups', keepDaily: 7, keepWeekly: 4, schedule: '0 2 * * *' });
    const set = readConfig({ BACKUP_DIR: '/mnt/nas/tourflow', BACKUP_KEEP_DAILY: '14', BACKUP_KEEP_WEEKLY: '0', BACKUP_SCHEDULE: '30 23 * * 1-5' }, '/srv').backups;
    expect(set).toEqual({ dir: '/mnt/nas/tourflow', keepDaily: 14, keepWeekly: 0, schedule: '30 23 * * 1-5' });
    expect(readConfig({ BACKUP_SCHEDULE: 'off' }, '/srv').backups.schedule).toBeUndefined();
  });

  it('refuses a schedule or a count that means nothing, saying what it wants', () => {
    expect(() => readConfig({ BACKUP_SCHEDULE: 'every night' })).toThrow(/BACKUP_SCHEDULE must be a cron expression such as "0 2 \* \* \*"/);
    expect(() => readConfig({ BACKUP_SCHEDULE: '0 25 * * *' })).toThrow(/BACKUP_SCHEDULE/);
    expect(() => readConfig({ BACKUP_KEEP_DAILY: 'seven' })).toThrow('BACKUP_KEEP_DAILY must be a whole number of backups to keep, not "seven"');
    expect(() => readConfig({ BACKUP_KEEP_WEEKLY: '-1' })).toThrow(/BACKUP_KEEP_WEEKLY/);
  });
});
