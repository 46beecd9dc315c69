import { describe, expect, it } from 'vitest';
import { journey, step } from '../journey/index.js';
import { InMemorySlotClaims } from './coordination/in-memory-slot-claims.js';
import type { SlotClaims } from './coordination/slot-claims.js';
import { planSchedules } from './scheduled-journeys.js';
import type { MissReason } from './scheduler-instruments.js';
import { SlotDispatcher, type DueSlot } from './slot-dispatcher.js';

const plan = planSchedules(['checkout', 'search', 'login'].map((name) => journey({ name, schedule: { every: '1m' }, steps: [step('s', () => {})] })), 'eu');
const [checkout, search, login] = plan.scheduled;
const due = (scheduled = checkout!, plannedAt = 60_000): DueSlot => ({ scheduled, slot: { journey: scheduled.journey.name, location: 'eu', plannedAt } });

/** A dispatcher whose runs end when the test says so; records what it saw. */
function harness(options: { concurrency?: number; claims?: SlotClaims } = {}) {
  let now = 0;
  const finishers = new Map<string, (runId: string | undefined) => void>();
  const started: { slot: string; startedAt: number }[] = [];
  const missed: [string, MissReason][] = [];
  const elsewhere: string[] = [];
  const claims = options.claims ?? new InMemorySlotClaims(() => now);
  const dispatcher = new SlotDispatcher({
    concurrency: options.concurrency ?? 2,
    claims,
    owner: 'me',
    leaseMs: () => 120_000,
    now: () => now,
    runSlot: (d, startedAt) => {
      const key = `${d.slot.journey}@${d.slot.plannedAt}`;
      started.push({ slot: key, startedAt });
      return new Promise((resolve) => finishers.set(key, resolve));
    },
    events: {
      missed: (d, reason) => void missed.push([`${d.slot.journey}@${d.slot.plannedAt}`, reason]),
      claimedElsewhere: (d) => void elsewhere.push(`${d.slot.journey}@${d.slot.plannedAt}`),
      failed: (_, operation, error) => { throw new Error(`${operation}: ${String(error)}`); },
    },
  });
  const finish = async (key: string, runId: string | undefined = `run-${key}`) => {
    finishers.get(key)?.(runId);
    await settle();
  };
  return { dispatcher, started, missed, elsewhere, claims, finish, setNow: (t: number) => void (now = t) };
}

/** Lets claimed slots reach their run (claims and p-limit resolve over a few microtasks). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SlotDispatcher', () => {
  it('skips a slot that comes while the previous run of the journey is going, and counts it missed', async () => {
    const h = harness();
    expect(h.dispatcher.dispatch(due(checkout, 60_000))).toBe(true);
    await settle();
    h.setNow(120_000);
    expect(h.dispatcher.dispatch(due(checkout, 120_000))).toBe(false);
    expect(h.missed).toEqual([['checkout@120000', 'overlap']]);
    await h.finish('checkout@60000');
    h.setNow(180_000);
    expect(h.dispatcher.dispatch(due(checkout, 180_000))).toBe(true);
    await settle();
    expect(h.started.map((s) => s.slot)).toEqual(['checkout@60000', 'checkout@180000']);
  });

  it('runs at most `concurrency` slots; the rest wait, and a waiting slot also blocks its next one', async () => {
    const h = harness({ concurrency: 2 });
    for (const s of [checkout, search, login]) h.dispatcher.dispatch(due(s));
    await settle();
    expect(h.dispatcher.inFlight).toBe(2);
    expect(h.dispatcher.queued).toBe(1);
    expect(h.dispatcher.dispatch(due(login, 120_000))).toBe(false);
    expect(h.missed).toEqual([['login@120000', 'overlap']]);
    h.setNow(65_000);
    await h.finish('checkout@60000');
    expect(h.started).toEqual([
      { slot: 'checkout@60000', startedAt: 0 },
      { slot: 'search@60000', startedAt: 0 },
      { slot: 'login@60000', startedAt: 65_000 },
    ]);
  });

  it('claims before running: a slot another replica took does not run here', async () => {
    const claims = new InMemorySlotClaims(() => 0);
    await claims.claim(due().slot, 'other-replica', 60_000);
    const h = harness({ claims });
    h.dispatcher.dispatch(due());
    await settle();
    expect(h.started).toEqual([]);
    expect(h.elsewhere).toEqual(['checkout@60000']);
  });

  it('completes the claim with the stored run id, so it is never taken over', async () => {
    const h = harness();
    h.dispatcher.dispatch(due());
    await settle();
    await h.finish('checkout@60000', 'run-42');
    await h.dispatcher.idle();
    expect(await h.claims.takeOverExpired('eu', 'b', 10_000_000, 1000, 10)).toEqual([]);
  });

  it('runs a taken-over slot without claiming it again', async () => {
    const h = harness();
    await h.claims.claim(due().slot, 'dead', 1);
    h.dispatcher.dispatch({ ...due(), takenOver: true });
    await settle();
    expect(h.started.map((s) => s.slot)).toEqual(['checkout@60000']);
  });

  it('drops waiting slots at shutdown (missed) and lets running ones finish', async () => {
    const h = harness({ concurrency: 1 });
    h.dispatcher.dispatch(due(checkout));
    h.dispatcher.dispatch(due(search));
    await settle();
    h.dispatcher.stop();
    expect(h.dispatcher.dispatch(due(login))).toBe(false);
    const idle = h.dispatcher.idle();
    await h.finish('checkout@60000');
    await idle;
    expect(h.started.map((s) => s.slot)).toEqual(['checkout@60000']);
    expect(h.missed).toEqual([['search@60000', 'shutdown']]);
  });
});
