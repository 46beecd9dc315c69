import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minimalResult } from './journey-result-fixture.js';
import { openStore } from './open-store.js';
import type { ResultStore } from './result-store.js';
import {
  DEFAULT_ROLLUP_RETENTION,
  maintainRollups,
  RollupMaintenanceOptionsError,
  rollupRetentionFor,
  type RollupMaintenanceBatch,
} from './rollup-maintenance.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2025, 5, 10, 12, 5);
const noPause = async () => undefined;

/** One passing run per `everyMinutes`, from `hoursAgo` until now. */
function history(hoursAgo: number, everyMinutes: number) {
  return Array.from({ length: Math.floor((hoursAgo * 60) / everyMinutes) }, (_, i) =>
    minimalResult({ id: `r${i}`, startedAt: new Date(NOW - hoursAgo * HOUR + i * everyMinutes * MINUTE).toISOString() }),
  );
}

describe('maintainRollups', () => {
  let store: ResultStore;
  beforeEach(async () => {
    store = await openStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('folds every settled hour and day, then deletes what is past retention, in batches', async () => {
    await store.saveRuns(history(50, 10));
    const batches: RollupMaintenanceBatch[] = [];
    const report = await maintainRollups(store, { now: NOW, sleep: noPause, batchSize: 100, onBatch: (b) => batches.push(b), retention: { hour: DAY } });
    // Runs from 8 June 10:05 to 10 June 11:55: 50 hours with data, of which 11:00 has not settled
    // (it ended less than 10 minutes ago); 8 and 9 June are complete days.
    expect(report.foldedHours).toBe(49);
    expect(report.foldedDays).toBe(2);
    const coverage = await store.rollups.coverage();
    expect(coverage.hour.toMs).toBe(Date.UTC(2025, 5, 10, 11));
    expect(coverage.day.toMs).toBe(Date.UTC(2025, 5, 10));
    // Minute rows older than 8 h are gone (folded first), in batches of 100.
    expect(coverage.minute.fromMs).toBe(NOW - 8 * HOUR);
    expect(report.deleted.minute).toBe(252);
    expect(batches.filter((b) => b.kind === 'delete' && b.resolution === 'minute').map((b) => (b.kind === 'delete' ? b.deleted : 0))).toEqual([100, 100, 52]);
    // Hour rows: a retention of one day; the hours before are still in the day rows.
    expect(coverage.hour.fromMs).toBe(NOW - DAY - 5 * MINUTE + HOUR);
    const days = await store.rollups.sum({ resolution: 'day', fromMs: 0, toMs: NOW });
    // 10 June is not folded into a day yet: its 72 runs are in hour and minute rows only.
    expect(days[0]?.runs).toBe(300 - 72);
    // Nothing left to do when run again.
    const again = await maintainRollups(store, { now: NOW, sleep: noPause, retention: { hour: DAY } });
    expect(again).toEqual({ foldedHours: 0, foldedDays: 0, deleted: { minute: 0, hour: 0, day: 0 }, aborted: false });
  });

  it('never deletes minute rows that are not folded yet', async () => {
    await store.saveRuns(history(3, 10));
    await store.rollups.foldNext('hour', NOW - 2 * HOUR);
    const report = await maintainRollups(store, { now: NOW, sleep: noPause, retention: { minute: MINUTE } });
    expect(report.deleted.minute).toBe((await store.rollups.sum({ resolution: 'hour', fromMs: 0, toMs: NOW - 5 * MINUTE })).reduce((n, s) => n + s.runs, 0));
    // The 11:00 hour has not settled: its minute rows stay, however short the retention.
    expect((await store.rollups.coverage()).minute.fromMs).toBe(Date.UTC(2025, 5, 10, 11, 5));
  });

  it('stops between batches when aborted', async () => {
    await store.saveRuns(history(20, 30));
    const controller = new AbortController();
    const report = await maintainRollups(store, {
      now: NOW,
      sleep: noPause,
      signal: controller.signal,
      onBatch: (b) => {
        if (b.kind === 'fold' && b.resolution === 'hour') controller.abort();
      },
    });
    expect(report).toMatchObject({ foldedHours: 1, foldedDays: 0, aborted: true });
  });

  it('refuses settings that cannot work', async () => {
    await expect(maintainRollups(store, { retention: { minute: -1 } })).rejects.toBeInstanceOf(RollupMaintenanceOptionsError);
    await expect(maintainRollups(store, { batchSize: 0 })).rejects.toThrow(/batchSize must be a whole number ≥ 1, got 0/);
  });
});

describe('rollupRetentionFor', () => {
  it('keeps hour and day rows for the longest period and tier window, never less than the defaults', () => {
    expect(rollupRetentionFor([])).toEqual(DEFAULT_ROLLUP_RETENTION);
    const ninety = rollupRetentionFor([{ periodMs: 90 * DAY, tiers: [{ longWindowMs: 3 * DAY }] }, { periodMs: 7 * DAY, tiers: [] }]);
    expect(ninety).toEqual({ minute: DEFAULT_ROLLUP_RETENTION.minute, hour: 95 * DAY, day: DEFAULT_ROLLUP_RETENTION.day });
  });
});
