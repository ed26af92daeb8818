/**
 * Migrating live records to a new version (engine/runtime/services/migrations.ts, DESIGN.md
 * decision 12): a renamed stage, a removed stage, a new required field, a pending `after`
 * timer and a reminder that must move; the preview changes nothing; the job moves each
 * record in one commit, reports what cannot move, and resumes after a stop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntitySchema, MachineConfig } from '../../../engine/definitions/definition.js';
import type { MigrationJob } from '../../../engine/runtime/services/migrations.js';
import type { RecordDoc, TimerDoc } from '../../../engine/runtime/core/record.js';
import { openTestEngine, type TestEngine } from './open-test-engine.js';
import { MIGRATIONS, RECORDS, TIMERS } from '../../../engine/collections.js';

const l = (en: string) => ({ en, vi: `${en} (vi)` });
const ADMIN = 'user:admin';
const LAN = 'user:lan';
const HOUR = 3_600_000;

const schemaV1: EntitySchema = {
  type: 'object',
  'x-labels': l('Trip'),
  required: ['title'],
  properties: {
    title: { type: 'string', minLength: 1, 'x-labels': l('Title') },
    visitDate: { type: 'string', format: 'date', 'x-labels': l('Visit date') },
    passport: { type: 'string', 'x-labels': l('Passport') },
  },
};

/** Version 1: intake (reminder after a day) → survey (lost after 3 days) or quoting → booked. */
const machineV1: MachineConfig = {
  id: 'trip',
  initial: 'intake',
  meta: { events: { SURVEY: l('Survey'), QUOTE: l('Quote'), BOOK: l('Book'), LOSE: l('Lose') } },
  states: {
    intake: {
      meta: { labels: l('Intake'), reminders: [{ id: 'callBack', after: 'P1D', do: { type: 'notify', to: 'owner', message: l('Call back') } }] },
      on: { SURVEY: 'survey', QUOTE: 'quoting' },
    },
    survey: { meta: { labels: l('Survey') }, after: { P3D: 'lost' }, on: { BOOK: 'booked' } },
    quoting: { meta: { labels: l('Quoting') }, on: { BOOK: 'booked' } },
    booked: { type: 'final', meta: { labels: l('Booked') } },
    lost: { type: 'final', meta: { labels: l('Lost') } },
  },
};

/**
 * Version 2: the call-back reminder comes after 12 hours; survey is renamed siteVisit
 * (still lost after 3 days) and needs a visit date; quoting is gone; passport is required.
 */
const schemaV2: EntitySchema = { ...schemaV1, required: ['title', 'passport'] };
const machineV2: MachineConfig = {
  ...machineV1,
  meta: { events: { VISIT: l('Visit'), BOOK: l('Book'), LOSE: l('Lose') } },
  states: {
    intake: {
      meta: { labels: l('Intake'), reminders: [{ id: 'callBack', after: 'PT12H', do: { type: 'notify', to: 'owner', message: l('Call back') } }] },
      on: { VISIT: 'siteVisit' },
    },
    siteVisit: { meta: { labels: l('Site visit'), requiredFields: ['visitDate'] }, after: { P3D: 'lost' }, on: { BOOK: 'booked' } },
    booked: { type: 'final', meta: { labels: l('Booked') } },
    lost: { type: 'final', meta: { labels: l('Lost') } },
  },
};

let t: TestEngine;
beforeEach(async () => {
  t = await openTestEngine();
  await t.engine.saveDefinition('trip', { schema: schemaV1, machine: machineV1 }, ADMIN);
});
afterEach(() => t.close());

const timersOf = (id: string) => t.store.find<TimerDoc>(TIMERS, { recordId: id });
const recordOf = (id: string) => t.store.get<RecordDoc>(RECORDS, id) as Promise<RecordDoc>;

/** Three live trips (intake, survey, quoting) and one booked, then version 2 saved. */
async function tripsThenV2() {
  const intake = await t.engine.create('trip', { data: { title: 'Intake' } }, LAN);
  const survey = await t.engine.create('trip', { data: { title: 'Survey', passport: 'B123' } }, LAN);
  await t.engine.send('trip', survey.id, { type: 'SURVEY' }, LAN);
  const quoting = await t.engine.create('trip', { data: { title: 'Quoting' } }, LAN);
  await t.engine.send('trip', quoting.id, { type: 'QUOTE' }, LAN);
  const booked = await t.engine.create('trip', { data: { title: 'Booked' } }, LAN);
  await t.engine.send('trip', booked.id, { type: 'QUOTE' }, LAN);
  await t.engine.send('trip', booked.id, { type: 'BOOK' }, LAN);
  await t.engine.saveDefinition('trip', { schema: schemaV2, machine: machineV2, baseVersion: 1 }, ADMIN);
  return { intake, survey, quoting, booked };
}

async function finished(jobId: string): Promise<MigrationJob> {
  await t.engine.migrations.idle();
  return t.engine.migrations.get('trip', jobId);
}

describe('previewing a migration', () => {
  it('names what each record becomes and what stops it, changing nothing', async () => {
    const { intake, survey, quoting } = await tripsThenV2();
    const before = await Promise.all([intake, survey, quoting].map((r) => recordOf(r.id)));

    const preview = await t.engine.migrations.preview('trip', { mapping: { survey: 'siteVisit' } });
    expect(preview).toMatchObject({ toVersion: 2, total: 3, movable: 1, blocked: 2 });
    // The final record stays where it ended; the removed stage must be mapped.
    expect(preview.groups).toEqual([
      { fromVersion: 1, fromStage: 'intake', toStage: 'intake', count: 1, movable: 0 },
      { fromVersion: 1, fromStage: 'quoting', count: 1, movable: 0 },
      { fromVersion: 1, fromStage: 'survey', toStage: 'siteVisit', count: 1, movable: 1 },
    ]);
    const byId = new Map(preview.records.map((r) => [r.id, r]));
    expect(byId.get(quoting.id)?.problems).toEqual([expect.objectContaining({ code: 'unmapped-stage', stage: 'quoting' })]);
    // The new required field stops the others until the admin gives it a value.
    expect(byId.get(intake.id)).toMatchObject({ title: 'Intake', toStage: 'intake', missingFields: ['passport'], problems: [expect.objectContaining({ code: 'invalid-data' })] });

    const filled = await t.engine.migrations.preview('trip', { mapping: { survey: 'siteVisit', quoting: 'siteVisit' }, fill: { passport: 'unknown' } });
    expect(filled).toMatchObject({ total: 3, movable: 3, blocked: 0 });
    const moved = new Map(filled.records.map((r) => [r.id, r]));
    // The survey record already has a passport: only the others are filled.
    expect(moved.get(survey.id)).toMatchObject({ toStage: 'siteVisit', filled: [], missingFields: ['visitDate'] });
    expect(moved.get(intake.id)).toMatchObject({ toStage: 'intake', filled: ['passport'], missingFields: [] });
    // Timers to be re-planned: the old call-back is disarmed, the new one armed 12 h after entry.
    expect(moved.get(intake.id)?.cancelled).toEqual([expect.objectContaining({ kind: 'reminder', id: 'callBack', stage: 'intake' })]);
    const planned = moved.get(intake.id)?.planned ?? [];
    expect(planned).toEqual([expect.objectContaining({ kind: 'reminder', id: 'callBack', stage: 'intake' })]);
    expect(Date.parse(planned[0].dueAt) - Date.parse(intake.createdAt)).toBe(12 * HOUR);

    expect(await Promise.all([intake, survey, quoting].map((r) => recordOf(r.id)))).toEqual(before);
  });

  it('refuses a mapping to a stage the version lacks and a fill of an unknown field', async () => {
    await tripsThenV2();
    await expect(t.engine.migrations.preview('trip', { mapping: { survey: 'nowhere' } })).rejects.toMatchObject({
      code: 'invalid-request',
      issues: [{ pointer: '/body/mapping/survey', message: 'version 2 has no stage "nowhere"' }],
    });
    await expect(t.engine.migrations.preview('trip', { fill: { pasport: 'x' } })).rejects.toMatchObject({ issues: [{ pointer: '/body/fill/pasport' }] });
  });
});

describe('running a migration', () => {
  it('moves each record with its timers re-planned and a timeline entry, leaving final records alone', async () => {
    const { intake, survey, quoting, booked } = await tripsThenV2();
    const surveyTimer = (await timersOf(survey.id)).find((timer) => timer.kind === 'delay');
    expect(surveyTimer?.event?.type).toBe('xstate.after.P3D.trip.survey');

    const job = await t.engine.migrations.start('trip', { mapping: { survey: 'siteVisit', quoting: 'siteVisit' }, fill: { passport: 'unknown' } }, ADMIN);
    expect(job).toMatchObject({ status: 'running', total: 3 });
    const done = await finished(job._id);
    expect(done).toMatchObject({ status: 'done', total: 3, processed: 3, moved: 3, skipped: 0, problems: [] });

    const renamed = await recordOf(survey.id);
    expect(renamed).toMatchObject({ definitionVersion: 2, stage: 'siteVisit', state: 'siteVisit', version: 3, data: { passport: 'B123' } });
    // A renamed stage keeps its clock: the pending 3-day timer is due when it was.
    const [delay] = await timersOf(survey.id);
    expect(delay).toMatchObject({ kind: 'delay', event: { type: 'xstate.after.P3D.trip.siteVisit' }, dueAt: surveyTimer?.dueAt, instance: 3 });
    expect(renamed.stageEnteredAt).toBe((await t.engine.get('trip', survey.id)).stageEnteredAt);

    // A removed stage mapped into a new one: the clock goes on from when it entered quoting.
    const fromQuoting = await recordOf(quoting.id);
    expect(fromQuoting).toMatchObject({ definitionVersion: 2, stage: 'siteVisit', data: { passport: 'unknown' } });
    const [quotingDelay] = await timersOf(quoting.id);
    expect(Date.parse(quotingDelay.dueAt) - Date.parse(fromQuoting.stageEnteredAt!)).toBe(72 * HOUR);
    expect(fromQuoting.stageEnteredAt).toBe((await t.engine.get('trip', quoting.id)).stageEnteredAt);

    // The reminder that must move: 12 h after the record entered intake, no longer a day.
    const [reminder] = await timersOf(intake.id);
    expect(reminder).toMatchObject({ kind: 'reminder', reminder: { stage: 'intake', id: 'callBack' } });
    expect(Date.parse(reminder.dueAt) - Date.parse(intake.createdAt)).toBe(12 * HOUR);

    const timeline = await t.engine.timeline('trip', quoting.id);
    expect(timeline.find((e) => e.kind === 'migrated')).toMatchObject({ type: 'migrated', from: 'quoting', to: 'siteVisit', actor: ADMIN, payload: { fromVersion: 1, toVersion: 2, filled: ['passport'] } });
    expect(timeline.filter((e) => e.type === 'timer.cancelled' || e.type === 'timer.scheduled').map((e) => e.type)).toEqual(['timer.scheduled']);

    expect(await recordOf(booked.id)).toMatchObject({ definitionVersion: 1, stage: 'booked' });
    // The moved record now runs on version 2's machine.
    expect((await t.engine.send('trip', intake.id, { type: 'VISIT', data: { visitDate: '2026-12-20' } }, LAN)).state).toBe('siteVisit');
  });

  it('reports the records that cannot move and moves the rest; some records only when named', async () => {
    const { intake, survey, quoting } = await tripsThenV2();
    const some = await finished((await t.engine.migrations.start('trip', { ids: [survey.id], mapping: { survey: 'siteVisit' } }, ADMIN))._id);
    expect(some).toMatchObject({ total: 1, moved: 1 });
    expect((await recordOf(intake.id)).definitionVersion).toBe(1);

    const rest = await finished((await t.engine.migrations.start('trip', { fill: { passport: 'x' } }, ADMIN))._id);
    expect(rest).toMatchObject({ status: 'done', total: 2, processed: 2, moved: 1, skipped: 1 });
    expect(rest.problems).toEqual([{ id: quoting.id, title: 'Quoting', fromStage: 'quoting', code: 'unmapped-stage', message: expect.stringContaining('"quoting"') as string }]);
    expect(await recordOf(quoting.id)).toMatchObject({ definitionVersion: 1, stage: 'quoting', version: 2 });
  });

  it('resumes an interrupted job after the last record it moved', async () => {
    const { intake, survey, quoting } = await tripsThenV2();
    // A job as a stop leaves it: running, one record done (the survey trip, moved by hand here).
    await finished((await t.engine.migrations.start('trip', { ids: [survey.id], mapping: { survey: 'siteVisit' } }, ADMIN))._id);
    const ids = [intake.id, survey.id, quoting.id].sort();
    const interrupted: MigrationJob = {
      _id: 'interrupted',
      entity: 'trip',
      toVersion: 2,
      mapping: { quoting: 'siteVisit' },
      fill: { passport: 'x' },
      status: 'running',
      total: 3,
      processed: 1,
      moved: 1,
      skipped: 0,
      problems: [],
      cursor: ids[0],
      startedAt: new Date().toISOString(),
      startedBy: ADMIN,
      version: 1,
    };
    await t.store.commit([{ op: 'insert', collection: MIGRATIONS, doc: interrupted }]);
    await t.engine.migrations.resume();
    const done = await finished('interrupted');
    expect(done.status).toBe('done');
    // Records after the cursor were moved; the one before it was left for the job that had it.
    const versions = await Promise.all(ids.map(async (id) => (await recordOf(id)).definitionVersion));
    expect(versions.slice(1)).toEqual([2, 2]);
    expect(done.processed).toBe(1 + ids.slice(1).filter((id) => id !== survey.id).length);
  });

  it('re-plans a record written meanwhile instead of overwriting it', async () => {
    const { intake } = await tripsThenV2();
    // Version 1 still takes events while the job starts: the two race for the record.
    const racing = t.engine.send('trip', intake.id, { type: 'SURVEY' }, LAN).then(
      () => true,
      () => false,
    );
    const job = await t.engine.migrations.start('trip', { ids: [intake.id], mapping: { survey: 'siteVisit' }, fill: { passport: 'x' } }, ADMIN);
    const surveyed = await racing;
    expect(await finished(job._id)).toMatchObject({ moved: 1, skipped: 0 });
    const timeline = await t.engine.timeline('trip', intake.id);
    const steps = timeline.filter((e) => e.kind === 'event' || e.kind === 'migrated').map((e) => e.type);
    // Whichever committed first, neither write is lost: a survey that won is carried over
    // (the record lands in siteVisit), one that lost was refused by version 2's machine.
    if (surveyed) {
      expect(steps).toEqual(['SURVEY', 'migrated']);
      expect(await recordOf(intake.id)).toMatchObject({ definitionVersion: 2, stage: 'siteVisit' });
    } else {
      expect(steps).toEqual(['migrated']);
      expect(await recordOf(intake.id)).toMatchObject({ definitionVersion: 2, stage: 'intake' });
    }
  });
});
