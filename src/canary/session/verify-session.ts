/**
 * `outpost verify` as a library: the selected journeys N times against one target, each failed
 * run confirmed by retries, judged per CUJ against a minimum pass rate.
 */
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { Journey, JourneyResult } from '../../journey/index.js';
import { runJourney, type RunTarget } from '../../runner/index.js';
import { runConfirmed, type ConfirmedRun } from '../../runner/index.js';
import { cujKeys } from './cuj-keys.js';
import { requireWholeNumber, type SessionOptions } from './session-options.js';
import { verifyCuj, type VerifyReport } from './verify-report.js';

export const DEFAULT_VERIFY_RUNS = 3;

export interface VerifyOptions extends SessionOptions {
  target: RunTarget;
  /** Runs per journey; 3 by default. */
  runs?: number;
  /** Confirmation retries of a failed run (the config's `defaults.retries`). */
  retries: number;
  /** The share of runs per CUJ that must pass, in [0, 1]; 1 by default (every run). */
  minPassRate?: number;
  /** Each attempt as it finishes: where to store and report it. */
  onResult?: (result: JourneyResult) => void | Promise<void>;
}

/**
 * Runs the verify session and reports per CUJ. Journey failures are data on the report; this
 * throws only for unusable options (RangeError).
 * @example
 * const report = await runVerify({ run: { pool, location, timeouts, artifacts }, journeys, concurrency: 2, target, retries: 1 });
 * process.exitCode = report.passed ? 0 : 1;
 */
export async function runVerify(options: VerifyOptions): Promise<VerifyReport> {
  const runs = options.runs ?? DEFAULT_VERIFY_RUNS;
  const minPassRate = options.minPassRate ?? 1;
  checkVerifyOptions(options, runs, minPassRate);
  const sessionId = options.sessionId ?? randomUUID();
  const startedAt = new Date();
  const limit = pLimit(options.concurrency);
  const jobs = Array.from({ length: runs }, () => options.journeys).flat();
  const confirmed = await Promise.all(jobs.map((journey) => limit(() => confirmedRun(options, journey, sessionId))));
  const keys = cujKeys(options.journeys);
  const cujs = options.journeys.map((journey) =>
    verifyCuj(keys.get(journey) ?? journey.cuj.id, journey, confirmed.filter((_, i) => jobs[i] === journey), minPassRate),
  );
  return {
    sessionId,
    target: { name: options.target.name, url: options.target.baseURL },
    runsPerCuj: runs,
    retries: options.retries,
    minPassRate,
    cujs,
    passed: cujs.every((cuj) => cuj.ok),
    interrupted: options.run.signal?.aborted === true,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
}

async function confirmedRun(options: VerifyOptions, journey: Journey, sessionId: string): Promise<ConfirmedRun> {
  // Interrupted before this run started: it never runs, so it is not reported as a run at all.
  if (options.run.signal?.aborted) return { outcome: 'aborted', attempts: [] };
  return runConfirmed(async (attempt) => {
    const result = await runJourney({ ...options.run, journey, target: options.target, attempt, maxAttempts: options.retries + 1, sessionId });
    await options.onResult?.(result);
    return result;
  }, options.retries);
}

function checkVerifyOptions(options: VerifyOptions, runs: number, minPassRate: number): void {
  requireWholeNumber('runs', runs, 1);
  requireWholeNumber('retries', options.retries, 0);
  requireWholeNumber('concurrency', options.concurrency, 1);
  if (!(minPassRate >= 0 && minPassRate <= 1)) throw new RangeError(`minPassRate must be between 0 and 1, got ${minPassRate}`);
}
