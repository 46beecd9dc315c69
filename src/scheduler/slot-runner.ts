import { slotSessionId } from './slot-session.js';
import { failingStep, type JourneyResult } from '../journey/index.js';
import { runJourney, type RunJourneyOptions, type RunTarget } from '../runner/index.js';
import type { ResultStore } from '../store/index.js';
import type { Logger } from './logger.js';
import { recordResult, type RecordOutcome } from './result-recorder.js';
import { confirmWithBackoff, type RetryPolicy, type Sleep } from './retry-backoff.js';
import type { DueSlot } from './slot-dispatcher.js';
import type { SchedulerMetrics } from './scheduler-metrics.js';

/** `runJourney` options every slot run shares (pool, timeouts, artifacts, secrets, observer, …). */
export type SharedSlotRunOptions = Omit<RunJourneyOptions, 'journey' | 'target' | 'location' | 'attempt' | 'maxAttempts' | 'sessionId' | 'signal'>;

export interface SlotRunnerOptions {
  run: SharedSlotRunOptions;
  /** This replica (the claims' owner); with the slot it makes the attempts' session id. */
  owner: string;
  location: string;
  target: RunTarget;
  retry: RetryPolicy;
  /** Aborts when shutdown begins: no new confirmation retry starts. */
  stopping: AbortSignal;
  /** Aborts when the grace period is over: attempts still going end `aborted`. */
  abort: AbortSignal;
  store: Pick<ResultStore, 'saveRun'>;
  metrics: SchedulerMetrics;
  logger: Logger;
  /** Told of every save, stored or not (readiness tracks the last write). */
  onRecord?: (outcome: RecordOutcome) => void;
  sleep?: Sleep;
}

/**
 * Runs one claimed slot: the journey with its confirmation retries, every attempt stored as it
 * ends and logged on one line. The attempts of a slot share a session id, so what scoring counts as
 * one probe (bad only when every attempt failed) can be read back from the store.
 * Resolves with the id of the last stored attempt.
 */
export function createSlotRunner(options: SlotRunnerOptions): (due: DueSlot, startedAt: number) => Promise<string | undefined> {
  return async (due, startedAt) => {
    const where = { journey: due.slot.journey, location: options.location };
    const sessionId = slotSessionId(due.slot, options.owner);
    options.metrics.scheduleLag(where, startedAt - due.slot.plannedAt);
    let lastStored: string | undefined;
    const confirmed = await confirmWithBackoff(
      async (attempt) => {
        logStart(options.logger, due, attempt, startedAt, sessionId);
        const result = await runJourney({
          ...options.run,
          journey: due.scheduled.journey,
          target: options.target,
          location: options.location,
          attempt,
          maxAttempts: options.retry.retries + 1,
          sessionId,
          signal: options.abort,
        });
        if (result.status === 'error') options.metrics.runError(where, 'run');
        if (await store(options, result)) lastStored = result.id;
        return result;
      },
      options.retry,
      { stopRetrying: options.stopping, sleep: options.sleep },
    );
    const fields = { journey: where.journey, location: where.location, attempts: confirmed.attempts.length, session: sessionId };
    if (confirmed.outcome === 'degraded') {
      options.metrics.runDegraded(where);
      options.logger.warn('slot.degraded', { ...fields, note: 'passed on a confirmation retry (flaky)' });
    } else if (confirmed.outcome === 'failed' && confirmed.attempts.length > 1) {
      options.logger.warn('slot.failed', { ...fields, note: 'every attempt failed' });
    }
    if (confirmed.retriesCancelled) options.logger.warn('slot.retry_cancelled', { ...fields, note: 'shutting down: no new attempt' });
    return lastStored;
  };
}

async function store(options: SlotRunnerOptions, result: JourneyResult): Promise<boolean> {
  const outcome = await recordResult(options.store, result);
  options.onRecord?.(outcome);
  logEnd(options.logger, result, outcome.stored);
  if (outcome.stored) return true;
  options.metrics.runError({ journey: result.journey, location: result.location }, 'store');
  options.logger.error('run.not_stored', { journey: result.journey, id: result.id, error: outcome.error.message });
  return false;
}

function logStart(logger: Logger, due: DueSlot, attempt: number, startedAt: number, sessionId: string): void {
  logger.info('run.start', {
    journey: due.slot.journey,
    location: due.slot.location,
    attempt,
    planned: new Date(due.slot.plannedAt).toISOString(),
    lag_ms: attempt === 1 ? startedAt - due.slot.plannedAt : undefined,
    taken_over: due.takenOver === true ? true : undefined,
    session: sessionId,
  });
}

function logEnd(logger: Logger, result: JourneyResult, stored: boolean): void {
  const failed = failingStep(result);
  const fields = {
    journey: result.journey,
    location: result.location,
    attempt: result.attempt,
    status: result.status,
    duration_ms: result.durationMs,
    id: result.id,
    step: failed?.name,
    error: (failed?.error ?? result.error)?.message.split('\n', 1)[0],
    stored: stored ? undefined : false,
  };
  if (result.status === 'passed') logger.info('run', fields);
  else logger.warn('run', fields);
}
