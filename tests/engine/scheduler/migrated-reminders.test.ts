/**
 * A migration re-plans a record's reminders with the real scheduler (Agenda on the store):
 * a reminder of the old version that would come in an hour is disarmed, and the new
 * version's, due at once for a record already in the stage that long, really fires.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { choreMachine, choreSchema } from './chore-definition.js';
import { eventually, openScheduled, type Scheduled } from './open-scheduled.js';

const LAN = 'user:lan';
const ADMIN = 'user:admin';
let t: Scheduled;
afterEach(async () => t.dispose());

describe('reminders of migrated records', () => {
  it('disarms the old version’s and fires the new version’s', async () => {
    t = await openScheduled();
    await t.engine.saveDefinition('chore', { schema: choreSchema, machine: choreMachine('PT1H') }, ADMIN);
    const chore = await t.engine.create('chore', { data: { title: 'Call the hotel' } }, LAN);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const nudges = async () => (await t.engine.timeline('chore', chore.id)).filter((e) => e.type === 'reminder.fired' && e.payload?.reminder === 'nudge').length;
    expect(await nudges()).toBe(0);

    // Version 2 nudges after a tenth of a second: the record has been in its stage longer.
    await t.engine.saveDefinition('chore', { schema: choreSchema, machine: choreMachine('PT0.1S'), baseVersion: 1 }, ADMIN);
    const job = await t.engine.migrations.start('chore', {}, ADMIN);
    await t.engine.migrations.idle();
    expect(await t.engine.migrations.get('chore', job._id)).toMatchObject({ status: 'done', moved: 1 });
    await eventually(async () => (await nudges()) === 1);
    const timeline = await t.engine.timeline('chore', chore.id);
    const migrated = timeline.find((e) => e.type === 'migrated');
    expect(migrated).toMatchObject({ payload: { fromVersion: 1, toVersion: 2 } });
    // The hour-long nudge of version 1 was disarmed in the migration's own commit.
    expect(timeline.some((e) => e.type === 'reminder.cancelled' && e.version === migrated?.version && e.payload?.reminder === 'nudge')).toBe(true);
    expect((await t.engine.get('chore', chore.id)).definitionVersion).toBe(2);
  });
});
