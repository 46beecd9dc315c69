import { runCanary, type AnalyseCanary, type SessionRunOptions } from '../canary/index.js';
import { resolveTarget, type ResolvedConfig } from '../config/index.js';
import type { Journey, JourneyResult } from '../journey/index.js';
import { selectJourneys } from '../loader/index.js';

export interface CanaryAnalyserOptions {
  config: ResolvedConfig;
  /** The journeys serve loaded; a request's `grep` and `tags` pick among them. */
  journeys: readonly Journey[];
  /** Runner options shared with the scheduled runs (the same warm browser). */
  run: Omit<SessionRunOptions, 'signal'>;
  concurrency: number;
  /** Each canary run as it finishes (stored like scheduled runs, under the analysis' session id). */
  onResult?: (result: JourneyResult) => void | Promise<void>;
}

/** No journey matches a canary request's filters. */
export class NoCanaryJourneysError extends Error {
  constructor() {
    super('no journeys match the request (grep, tags)');
    this.name = 'NoCanaryJourneysError';
  }
}

/**
 * What the `/canary` API runs for a request: resolves both targets from config (names or URLs),
 * picks the journeys, and runs the interleaved canary session on serve's browser.
 */
export function canaryAnalyser(options: CanaryAnalyserOptions): AnalyseCanary {
  return async (request, signal) => {
    const baseline = resolveTarget(options.config, request.baseline);
    const canary = resolveTarget(options.config, request.canary);
    const loaded = options.journeys.map((journey) => ({ journey, file: '' }));
    const journeys = selectJourneys(loaded, { grep: request.grep, tags: request.tags }).map((l) => l.journey);
    if (journeys.length === 0) throw new NoCanaryJourneysError();
    return runCanary({
      run: { ...options.run, signal },
      journeys,
      concurrency: options.concurrency,
      baseline,
      canary,
      ...(request.durationMs === undefined ? { runs: request.runs } : { durationMs: request.durationMs }),
      onResult: options.onResult,
    });
  };
}
