import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { journey, step, type Journey } from '../../src/journey/index.js';
import { BrowserPool } from '../../src/runner/index.js';
import { InMemorySlotClaims, planSchedules, Scheduler, slotSessionId, type LogFields, type Logger, type SlotClaims } from '../../src/scheduler/index.js';
import { openStore, type ResultStore } from '../../src/store/index.js';
import { minimalResult } from '../../src/store/journey-result-fixture.js';
import { eventually } from '../serve/serve-harness.js';

/**
 * The Scheduler in process, on real timers, with API-free journeys (no browser, no network):
 * what only the running daemon does — taking over a dead replica's slot, counting the slots a
 * stalled event loop skipped, dropping waiting slots at shutdown.
 */
let resultsDir: string;
let store: ResultStore;
const schedulers: Scheduler[] = [];

beforeAll(async () => {
  resultsDir = await mkdtemp(join(tmpdir(), 'outpost-scheduler-'));
  store = await openStore(':memory:');
});
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop(0)));
});
afterAll(async () => {
  await store.close();
  await rm(resultsDir, { recursive: true, force: true });
});

/** A logger that keeps every event. */
function recordingLogger(): Logger & { events: { event: string; fields: LogFields }[] } {
  const events: { event: string; fields: LogFields }[] = [];
  const log = (event: string, fields: LogFields = {}) => void events.push({ event, fields });
  return { events, info: log, warn: log, error: log };
}

function scheduler(journeys: Journey[], options: { claims?: SlotClaims; concurrency?: number; takeOverEveryMs?: number } = {}) {
  const logger = recordingLogger();
  const created = new Scheduler({
    journeys: planSchedules(journeys, 'lab').scheduled,
    location: 'lab',
    target: { name: 'nowhere', baseURL: 'http://127.0.0.1:9' },
    run: { pool: new BrowserPool({}), timeouts: { journeyMs: 10_000, stepMs: 10_000 }, artifacts: { dir: resultsDir, trace: 'off', screenshot: 'off' } },
    concurrency: options.concurrency ?? 2,
    retry: { retries: 0, backoffMs: 0 },
    store,
    claims: options.claims,
    owner: 'alive',
    meter: new MeterProvider().getMeter('test'),
    browserRestarts: () => ({ crash: 0, recycle: 0 }),
    logger,
    leaseGraceMs: 1_000,
    takeOverEveryMs: options.takeOverEveryMs,
  });
  schedulers.push(created);
  return { scheduler: created, logger, count: (event: string, name?: string) => logger.events.filter((e) => e.event === event && (name === undefined || e.fields.journey === name)).length };
}

const quick = (name: string, every: string, work: () => Promise<void> | void = () => {}) =>
  journey({ name, schedule: { every }, steps: [step('work', async () => void (await work()))] });

describe('Scheduler (in process, real timers)', () => {
  it('takes over a slot whose replica died before completing it, and runs it', async () => {
    const claims = new InMemorySlotClaims();
    const orphan = { journey: 'hourly', location: 'lab', plannedAt: Date.now() - 60_000 };
    await claims.claim(orphan, 'dead-replica', 1);
    const { scheduler: s, logger, count } = scheduler([quick('hourly', '1h')], { claims, takeOverEveryMs: 50 });
    s.start();
    await eventually(() => count('run', 'hourly') === 1, 'the orphaned slot to run');
    expect(logger.events.find((e) => e.event === 'slot.taken_over')?.fields).toMatchObject({ journey: 'hourly', planned: new Date(orphan.plannedAt).toISOString() });
    expect(logger.events.find((e) => e.event === 'run.start')?.fields).toMatchObject({ taken_over: true });
    await s.stop(5_000);
    expect(await claims.takeOverExpired('lab', 'someone', Date.now() + 3_600_000, 1, 10)).toEqual([]);
  });

  it('completes a taken-over slot with the run its dead replica stored but never marked done, without running it again', async () => {
    const claims = new InMemorySlotClaims();
    const orphan = { journey: 'daily', location: 'lab', plannedAt: Date.now() - 60_000 };
    await claims.claim(orphan, 'died-after-saving', 1);
    await store.saveRun(minimalResult({ id: 'stored-before-death', journey: 'daily', location: 'lab', sessionId: slotSessionId(orphan, 'died-after-saving') }));
    const { scheduler: s, logger, count } = scheduler([quick('daily', '24h')], { claims, takeOverEveryMs: 50 });
    s.start();
    await eventually(() => count('slot.recovered', 'daily') === 1, 'the stored run to complete the slot');
    expect(logger.events.find((e) => e.event === 'slot.recovered')?.fields).toMatchObject({ run: 'stored-before-death' });
    expect(count('run.start', 'daily')).toBe(0);
    expect(count('slot.taken_over', 'daily')).toBe(0);
    // Completed: no replica can take it over again.
    expect(await claims.takeOverExpired('lab', 'someone', Date.now() + 3_600_000, 1, 10)).toEqual([]);
  });

  it('counts the slots a stalled event loop skipped as missed (late), then runs the latest due one', async () => {
    const { scheduler: s, logger, count } = scheduler([quick('every-second', '1s')]);
    s.start();
    await eventually(() => count('run', 'every-second') >= 1, 'a first run');
    const stallUntil = Date.now() + 3_500;
    while (Date.now() < stallUntil) {
      // A synchronous stall, as a long GC pause or a CPU-starved container would cause.
    }
    await eventually(() => count('slot.missed', 'every-second') >= 2, 'late slots to be counted');
    expect(logger.events.filter((e) => e.event === 'slot.missed').every((e) => e.fields.reason === 'late')).toBe(true);
    const runsBefore = count('run', 'every-second');
    await eventually(() => count('run', 'every-second') > runsBefore, 'the schedule to go on');
  });

  it('drops slots waiting for a free run at shutdown, and lets the running one finish', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { scheduler: s, logger, count } = scheduler([quick('holder', '1s', () => gate), quick('waiter', '1s')], { concurrency: 1 });
    s.start();
    await eventually(() => s.load.inFlight === 1 && s.load.queued >= 1, 'one run going and one slot waiting');
    const stopped = s.stop(30_000);
    release();
    await stopped;
    expect(logger.events.filter((e) => e.event === 'slot.missed' && e.fields.reason === 'shutdown').length).toBeGreaterThanOrEqual(1);
    expect(count('run.start')).toBe(count('run'));
    expect(logger.events.some((e) => e.event === 'shutdown.abort')).toBe(false);
  });
});
