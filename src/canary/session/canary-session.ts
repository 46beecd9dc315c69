/**
 * `outpost canary` as a library: the selected journeys against baseline and canary, interleaved
 * round by round, then the samples through `analyseCanary` for statistics, score and verdict.
 * Canary runs are not retried: a retry would hide exactly the intermittent failures the success
 * ratio compares.
 */
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { JourneyResult } from '../../journey/index.js';
import { runJourney, type RunTarget } from '../../runner/index.js';
import { analyseCanary, type CanaryAnalysis } from '../verdict/canary-analysis.js';
import { resolveCanaryConfig, type CanaryConfig } from '../verdict/canary-config.js';
import type { CujSamples } from '../verdict/cuj-samples.js';
import { collectSamples, type CanaryRun } from './canary-samples.js';
import { cujKeys } from './cuj-keys.js';
import { roundSchedule, type CanarySide, type ScheduledRun } from './interleaved-schedule.js';
import { requireWholeNumber, type SessionOptions } from './session-options.js';

/**
 * Runs per side when neither `runs` nor `durationMs` is given. 50 detect a canary failing 20% of
 * its runs against a clean baseline 98% of the time (Fisher, one-sided, α = 0.05; 30 runs only
 * 75%), and are far above the 5–15 runs the latency metrics need to decide. docs/deploy-gates.md
 * has the table.
 */
export const DEFAULT_CANARY_RUNS = 50;

export interface CanaryOptions extends SessionOptions {
  baseline: RunTarget;
  canary: RunTarget;
  /** Runs per side and journey (default {@link DEFAULT_CANARY_RUNS}); not together with `durationMs`. */
  runs?: number;
  /** Keep starting rounds until this much time has passed (at least one round). */
  durationMs?: number;
  /** Analysis settings (tolerance, thresholds, critical metrics); the documented defaults otherwise. */
  analysis?: Partial<CanaryConfig>;
  /** Each run as it finishes: where to store and report it. */
  onResult?: (result: JourneyResult, side: CanarySide) => void | Promise<void>;
}

export interface CanarySessionResult {
  sessionId: string;
  baseline: { name: string; url: string };
  canary: { name: string; url: string };
  /** Rounds started: runs per side of each journey. */
  runsPerSide: number;
  analysis: CanaryAnalysis;
  /** What the analysis compared, per CUJ. */
  samples: Record<string, CujSamples>;
  /** Runs left out per side: Outpost could not run them (`error`) or they were interrupted. */
  excluded: Record<CanarySide, number>;
  interrupted: boolean;
  startedAt: string;
  durationMs: number;
}

/**
 * Runs the canary session and analyses it. Regressions are data on the result; this throws only
 * for unusable options (RangeError) or analysis settings (CanaryInputError), before any run.
 * @example
 * const session = await runCanary({ run, journeys, concurrency: 2, baseline, canary, runs: 30 });
 * if (session.analysis.verdict === 'FAIL') rollBack();
 */
export async function runCanary(options: CanaryOptions): Promise<CanarySessionResult> {
  const config = resolveCanaryConfig(options.analysis);
  const more = roundPolicy(options);
  requireWholeNumber('concurrency', options.concurrency, 1);
  const sessionId = options.sessionId ?? randomUUID();
  const startedAt = new Date();
  const targets = sideTargets(options.baseline, options.canary);
  const keys = cujKeys(options.journeys);
  const limit = pLimit(options.concurrency);
  const finished: CanaryRun[] = [];
  let round = 0;
  for (; more(round) && options.run.signal?.aborted !== true; round++) {
    await Promise.all(
      roundSchedule(options.journeys, round).map((planned) =>
        limit(async () => {
          const result = await runPlanned(options, planned, targets[planned.side], sessionId);
          if (result !== undefined) finished.push({ key: keys.get(planned.journey) ?? planned.journey.cuj.id, side: planned.side, result });
        }),
      ),
    );
  }
  const { samples, excluded } = collectSamples(finished, [...new Set(keys.values())]);
  return {
    sessionId,
    baseline: { name: targets.baseline.name, url: targets.baseline.baseURL },
    canary: { name: targets.canary.name, url: targets.canary.baseURL },
    runsPerSide: round,
    analysis: analyseCanary(samples, config),
    samples,
    excluded,
    interrupted: options.run.signal?.aborted === true,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
}

async function runPlanned(options: CanaryOptions, planned: ScheduledRun, target: RunTarget, sessionId: string): Promise<JourneyResult | undefined> {
  if (options.run.signal?.aborted) return undefined;
  const result = await runJourney({ ...options.run, journey: planned.journey, target, attempt: 1, sessionId });
  await options.onResult?.(result, planned.side);
  return result;
}

/** Whether to start round `round` (from 0): a fixed count, or until the duration is used up. */
function roundPolicy(options: CanaryOptions): (round: number) => boolean {
  if (options.durationMs !== undefined) {
    if (options.runs !== undefined) throw new RangeError('give runs or durationMs, not both');
    if (!(options.durationMs > 0)) throw new RangeError(`durationMs must be positive, got ${options.durationMs}`);
    const deadline = Date.now() + options.durationMs;
    return (round) => round === 0 || Date.now() < deadline;
  }
  const runs = options.runs ?? DEFAULT_CANARY_RUNS;
  requireWholeNumber('runs', runs, 1);
  return (round) => round < runs;
}

/** Stored results tell the sides apart by target name, so equal names get the side added. */
function sideTargets(baseline: RunTarget, canary: RunTarget): Record<CanarySide, RunTarget> {
  if (baseline.name !== canary.name) return { baseline, canary };
  return { baseline: { ...baseline, name: `${baseline.name} (baseline)` }, canary: { ...canary, name: `${canary.name} (canary)` } };
}
