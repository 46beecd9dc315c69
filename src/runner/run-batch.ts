import pLimit from 'p-limit';
import type { Journey, JourneyResult } from '../journey/index.js';
import { runJourney, type RunJourneyOptions, type RunTarget } from './run-journey.js';

export interface BatchJob {
  journey: Journey;
  target: RunTarget;
}

export interface BatchOptions {
  concurrency: number;
  onStart?: (job: BatchJob) => void;
  onResult?: (result: JourneyResult) => void | Promise<void>;
}

/** Options shared by every run of the batch. */
export type SharedRunOptions = Omit<RunJourneyOptions, 'journey' | 'target'>;

/**
 * Runs jobs on the warm browser, at most `concurrency` at a time, each in its own context.
 * Results come back in job order; `onResult` sees them as they finish. After `signal` aborts,
 * queued jobs are dropped.
 */
export async function runBatch(jobs: BatchJob[], shared: SharedRunOptions, options: BatchOptions): Promise<JourneyResult[]> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError('concurrency must be a whole number ≥ 1');
  const limit = pLimit(options.concurrency);
  const results = await Promise.all(
    jobs.map((job) =>
      limit(async () => {
        // Interrupted: runs already going end as `aborted`; queued ones never start.
        if (shared.signal?.aborted) return undefined;
        options.onStart?.(job);
        const result = await runJourney({ ...shared, journey: job.journey, target: job.target });
        await options.onResult?.(result);
        return result;
      }),
    ),
  );
  return results.filter((r): r is JourneyResult => r !== undefined);
}
