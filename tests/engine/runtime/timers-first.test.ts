/**
 * Timers before effects: while a burst of due timers fires, the outbox's effects wait for it
 * (never longer than the burst's allowance), so the firings are not delayed behind the
 * notifications they queue.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TimersFirst } from '../../../engine/runtime/services/timers-first.js';
import { openTestEngine, type TestEngine } from './open-test-engine.js';

/** Whether `promise` has settled once pending callbacks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('TimersFirst', () => {
  it('lets effects run at once when no timer is firing, and makes them wait for a firing under way', async () => {
    const gate = new TimersFirst(60_000);
    expect(gate.turn()).toBeUndefined();
    expect(gate.holding()).toBe(false);
    let finish!: () => void;
    const firing = gate.firing(() => new Promise<string>((resolve) => (finish = () => resolve('fired'))));
    const turn = gate.turn();
    expect(turn).toBeDefined();
    expect(gate.holding()).toBe(true);
    expect(await settled(turn!)).toBe(false);
    finish();
    expect(await firing).toBe('fired');
    expect(await settled(turn!)).toBe(true);
    expect(gate.turn()).toBeUndefined();
  });

  it('waits for the last of several firings, and lets a failed firing end the wait', async () => {
    const gate = new TimersFirst(60_000);
    let first!: () => void;
    let second!: (error: Error) => void;
    const a = gate.firing(() => new Promise<void>((resolve) => (first = resolve)));
    const b = gate.firing(() => new Promise<void>((_resolve, reject) => (second = reject)));
    const turn = gate.turn()!;
    first();
    await a;
    expect(await settled(turn)).toBe(false);
    second(new Error('store unavailable'));
    await expect(b).rejects.toThrow('store unavailable');
    expect(await settled(turn)).toBe(true);
  });

  it('never holds effects back longer than its allowance', async () => {
    const gate = new TimersFirst(0);
    let finish!: () => void;
    const firing = gate.firing(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(gate.turn()).toBeUndefined();
    expect(gate.holding()).toBe(false);
    finish();
    await firing;
  });
});

describe('the outbox worker', () => {
  let t: TestEngine;
  afterEach(async () => t.close());

  it('runs no effect before its turn comes', async () => {
    let open!: () => void;
    const turnCame = new Promise<void>((resolve) => (open = resolve));
    let waiting = true;
    let asked = 0;
    t = await openTestEngine({ outbox: { priority: { turn: () => (asked++, waiting ? turnCame : undefined), holding: () => waiting } } });
    const inquiry = await t.engine.create('inquiry', { data: { subject: 'Trip to Da Lat' } }, 'user:lan');
    await t.engine.send('inquiry', inquiry.id, { type: 'QUALIFY' }, 'user:lan');
    await t.engine.send('inquiry', inquiry.id, { type: 'CONVERT' }, 'user:lan');
    const drained = t.engine.drainOutbox();
    // The worker asked for its turn before the effect, and waits there.
    while (asked === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(await settled(drained)).toBe(false);
    expect((await t.engine.list('deal', {})).total).toBe(0);
    waiting = false;
    open();
    expect(await drained).toBe(1);
    expect((await t.engine.list('deal', {})).total).toBe(1);
  });
});
