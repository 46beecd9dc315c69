import { setTimeout as sleepFor } from 'node:timers/promises';
import type { ResultStore } from './result-store.js';

/** Deletes at most `limit` rows older than `before` in one short statement; resolves to how many. */
export type DeleteBatch = (before: Date, limit: number) => Promise<number>;

/**
 * Coordination rows to prune with the runs (the scheduler's slot claims on PostgreSQL). A
 * structural type, so the store does not depend on the scheduler.
 */
export interface SlotPruner {
  /** Deletes at most `limit` finished or abandoned slots planned before `before`. */
  pruneSlotsBefore: DeleteBatch;
}

/** How {@link applyRetention} deletes. */
export interface RetentionOptions {
  /** Runs that started more than this many days before `now` are deleted. */
  maxAgeDays: number;
  /** The current time in epoch ms (default `Date.now()`). */
  now?: number;
  /** Most rows one statement deletes (default 5000): each batch holds its locks only that long. */
  batchSize?: number;
  /** The pause between two batches (default 100 ms), so probing writes get the database in between. */
  pauseMs?: number;
  /** Also prune these slot claims, with the same cutoff. */
  slots?: SlotPruner;
  /** Stops between batches when aborted (shutdown); what was deleted so far stays deleted. */
  signal?: AbortSignal;
  /** Called after each batch (metrics, logs, tests). */
  onBatch?: (batch: RetentionBatch) => void;
  /** Waits between batches (default a timer); tests pass their own. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** One statement's work. */
export interface RetentionBatch {
  table: 'runs' | 'slots';
  deleted: number;
}

/** What one {@link applyRetention} call deleted. */
export interface RetentionReport {
  /** Rows older than this were deleted. */
  cutoff: Date;
  deletedRuns: number;
  deletedSlots: number;
  /** True when `signal` stopped it before everything old was gone. */
  aborted: boolean;
}

/** Retention settings that cannot work (a negative age, a batch size of 0). */
export class RetentionOptionsError extends Error {
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`retention ${option} must be ${expected}, got ${String(value)}`);
    this.name = 'RetentionOptionsError';
  }
}

const DAY_MS = 86_400_000;
const DEFAULT_BATCH_SIZE = 5_000;
const DEFAULT_PAUSE_MS = 100;

/**
 * Deletes raw runs (with their steps and endpoints) older than `maxAgeDays`, and the slot claims
 * of the same age when `slots` is given, in batches of `batchSize` with a pause between them.
 * Works on both stores. Safe to run again at any time; on several replicas, run it on the leader
 * only so the work is not repeated.
 *
 * Per-minute rollups for the SLO windows are meant to outlive the raw runs; they belong to the
 * scoring work and would be written (and kept) before this deletes the raw rows they summarise.
 *
 * @example
 * const report = await applyRetention(store, { maxAgeDays: 30, slots: slotClaims });
 */
export async function applyRetention(store: ResultStore, options: RetentionOptions): Promise<RetentionReport> {
  checkOptions(options);
  const cutoff = new Date((options.now ?? Date.now()) - options.maxAgeDays * DAY_MS);
  const deletedRuns = await deleteInBatches('runs', (before, limit) => store.deleteRunsBefore(before, limit), cutoff, options);
  const slots = options.slots;
  const deletedSlots = slots === undefined ? 0 : await deleteInBatches('slots', (before, limit) => slots.pruneSlotsBefore(before, limit), cutoff, options);
  return { cutoff, deletedRuns, deletedSlots, aborted: options.signal?.aborted === true };
}

async function deleteInBatches(table: RetentionBatch['table'], deleteBatch: DeleteBatch, cutoff: Date, options: RetentionOptions): Promise<number> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const sleep = options.sleep ?? pause;
  let total = 0;
  while (options.signal?.aborted !== true) {
    const deleted = await deleteBatch(cutoff, batchSize);
    total += deleted;
    options.onBatch?.({ table, deleted });
    // A short batch means nothing older is left.
    if (deleted < batchSize) break;
    await sleep(options.pauseMs ?? DEFAULT_PAUSE_MS, options.signal);
  }
  return total;
}

function checkOptions(options: RetentionOptions): void {
  if (!(Number.isFinite(options.maxAgeDays) && options.maxAgeDays > 0)) {
    throw new RetentionOptionsError('maxAgeDays', options.maxAgeDays, 'a number of days > 0');
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!(Number.isSafeInteger(batchSize) && batchSize >= 1)) throw new RetentionOptionsError('batchSize', batchSize, 'a whole number ≥ 1');
  const pauseMs = options.pauseMs ?? DEFAULT_PAUSE_MS;
  if (!(Number.isFinite(pauseMs) && pauseMs >= 0)) throw new RetentionOptionsError('pauseMs', pauseMs, 'a number of ms ≥ 0');
}

/** Waits `ms`; an abort ends the wait early (the loop then stops) instead of rejecting. */
async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  await sleepFor(ms, undefined, { signal }).catch(() => undefined);
}
