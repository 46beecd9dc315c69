import { setTimeout as sleepFor } from 'node:timers/promises';
import { RESOLUTION_MS, RESOLUTIONS, type RollupResolution } from './rollup-columns.js';
import type { RollupStore } from './rollup-store.js';

const MINUTE_MS = RESOLUTION_MS.minute;
const HOUR_MS = RESOLUTION_MS.hour;
const DAY_MS = RESOLUTION_MS.day;

/** How long rows of each resolution are kept, in ms before now. */
export interface RollupRetention {
  minute: number;
  hour: number;
  day: number;
}

/**
 * Defaults: minute rows for 8 hours (every window up to 6 h, the page tiers', is exact to the
 * minute at both ends), hour rows for 35 days (a 30-day period plus the 72 h tier window and a
 * margin), day rows for 400 days (a year of reports). See {@link rollupRetentionFor} to cover
 * longer SLO periods.
 */
export const DEFAULT_ROLLUP_RETENTION: Readonly<RollupRetention> = Object.freeze({ minute: 8 * HOUR_MS, hour: 35 * DAY_MS, day: 400 * DAY_MS });

/**
 * How long after an hour ends it is folded. Results that come later are still counted exactly
 * (they go to the folded rows too); waiting just keeps that path rare.
 */
export const FOLD_SETTLE_MS = 10 * MINUTE_MS;

/**
 * Retention that keeps what SLOs with these periods and tier windows need: hour rows for the longest
 * period plus the longest tier window plus two days, day rows at least as long; never less than the
 * defaults.
 */
export function rollupRetentionFor(slos: readonly { periodMs: number; tiers: readonly { longWindowMs: number }[] }[]): RollupRetention {
  const needed = Math.max(0, ...slos.map((slo) => slo.periodMs + Math.max(0, ...slo.tiers.map((t) => t.longWindowMs)))) + 2 * DAY_MS;
  return {
    minute: DEFAULT_ROLLUP_RETENTION.minute,
    hour: Math.max(DEFAULT_ROLLUP_RETENTION.hour, needed),
    day: Math.max(DEFAULT_ROLLUP_RETENTION.day, needed),
  };
}

/** How {@link maintainRollups} works. */
export interface RollupMaintenanceOptions {
  /** The current time in epoch ms (default `Date.now()`). */
  now?: number;
  /** Overrides of {@link DEFAULT_ROLLUP_RETENTION}. */
  retention?: Partial<RollupRetention>;
  /** Most rows one delete statement removes (default 5000). */
  batchSize?: number;
  /** The pause between two short transactions (default 50 ms), so saves get the database in between. */
  pauseMs?: number;
  /** Stops between batches when aborted (shutdown); what was done so far stays done. */
  signal?: AbortSignal;
  /** Called after each fold or delete batch (metrics, logs, tests). */
  onBatch?: (batch: RollupMaintenanceBatch) => void;
  /** Waits between batches (default a timer); tests pass their own. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** One short transaction's work: a bucket folded, or rows deleted. */
export type RollupMaintenanceBatch =
  | { kind: 'fold'; resolution: 'hour' | 'day'; startMs: number }
  | { kind: 'delete'; resolution: RollupResolution; deleted: number };

/** What one {@link maintainRollups} call did. */
export interface RollupMaintenanceReport {
  foldedHours: number;
  foldedDays: number;
  deleted: Record<RollupResolution, number>;
  /** True when `signal` stopped it before it was done. */
  aborted: boolean;
}

/**
 * The periodic upkeep of the rollups, safe to run at any time and on any replica (each fold and
 * delete is its own short transaction; on PostgreSQL concurrent folds wait for each other):
 * 1. folds minute rows into hour rows, for every hour that ended at least {@link FOLD_SETTLE_MS} ago;
 * 2. folds hour rows into day rows, for every day whose hours are all folded;
 * 3. deletes minute, hour and day rows older than their retention, in batches (rows not yet folded
 *    are kept whatever their age).
 * Work happens in batches with a pause between them, so probing writes never wait long.
 *
 * @example
 * const report = await maintainRollups(store, { retention: rollupRetentionFor(slos), signal });
 */
export async function maintainRollups(store: { rollups: RollupStore }, options: RollupMaintenanceOptions = {}): Promise<RollupMaintenanceReport> {
  const now = options.now ?? Date.now();
  const retention = { ...DEFAULT_ROLLUP_RETENTION, ...options.retention };
  checkOptions(retention, options);
  const loop = new BatchLoop(options);
  const report: RollupMaintenanceReport = { foldedHours: 0, foldedDays: 0, deleted: { minute: 0, hour: 0, day: 0 }, aborted: false };
  for (const resolution of ['hour', 'day'] as const) {
    await loop.repeat(async () => {
      const startMs = await store.rollups.foldNext(resolution, now - FOLD_SETTLE_MS);
      if (startMs === undefined) return false;
      if (resolution === 'hour') report.foldedHours += 1;
      else report.foldedDays += 1;
      options.onBatch?.({ kind: 'fold', resolution, startMs });
      return true;
    });
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  for (const resolution of RESOLUTIONS) {
    const before = new Date(now - retention[resolution]);
    await loop.repeat(async () => {
      const deleted = await store.rollups.deleteBefore(resolution, before, batchSize);
      report.deleted[resolution] += deleted;
      options.onBatch?.({ kind: 'delete', resolution, deleted });
      return deleted === batchSize;
    });
  }
  report.aborted = options.signal?.aborted === true;
  return report;
}

const DEFAULT_BATCH_SIZE = 5_000;
const DEFAULT_PAUSE_MS = 50;

/** Settings that cannot work (a negative retention, a batch size of 0). */
export class RollupMaintenanceOptionsError extends Error {
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`rollup maintenance ${option} must be ${expected}, got ${String(value)}`);
    this.name = 'RollupMaintenanceOptionsError';
  }
}

function checkOptions(retention: RollupRetention, options: RollupMaintenanceOptions): void {
  for (const resolution of RESOLUTIONS) {
    const ms = retention[resolution];
    if (!(Number.isFinite(ms) && ms > 0)) throw new RollupMaintenanceOptionsError(`retention.${resolution}`, ms, 'a number of ms > 0');
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!(Number.isSafeInteger(batchSize) && batchSize >= 1)) throw new RollupMaintenanceOptionsError('batchSize', batchSize, 'a whole number ≥ 1');
}

/** Runs a step until it says it is done or the signal aborts, pausing between steps. */
class BatchLoop {
  constructor(private readonly options: RollupMaintenanceOptions) {}

  async repeat(step: () => Promise<boolean>): Promise<void> {
    const sleep = this.options.sleep ?? pause;
    while (this.options.signal?.aborted !== true) {
      if (!(await step())) return;
      await sleep(this.options.pauseMs ?? DEFAULT_PAUSE_MS, this.options.signal);
    }
  }
}

async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  await sleepFor(ms, undefined, { signal }).catch(() => undefined);
}
