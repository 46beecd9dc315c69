/**
 * Names, units and buckets of serve's self-monitoring instruments, in one place. In Prometheus:
 * `outpost_scheduler_runs_in_flight`, `outpost_scheduler_queue_depth`,
 * `outpost_scheduler_slots_missed_total`, `outpost_browser_restarts_total`, `outpost_browser_contexts`,
 * `outpost_browser_pages`,
 * `outpost_scheduler_run_errors_total`, `outpost_scheduler_runs_degraded_total` and
 * `outpost_scheduler_schedule_lag_seconds_{bucket,sum,count}`; the leader's: `outpost_leader` and
 * `outpost_leader_task_runs_total`.
 */
export const SCHEDULER_INSTRUMENTS = {
  /** Gauge: slot runs going now (claimed, attempts running or waiting to retry). */
  runsInFlight: 'outpost.scheduler.runs.in_flight',
  /** Gauge: due slots waiting for a free run (the concurrency limit is reached). */
  queueDepth: 'outpost.scheduler.queue.depth',
  /** Counter, by journey, location and `reason` (see {@link MissReason}). */
  missedSlots: 'outpost.scheduler.slots.missed',
  /** Counter, by `reason`: `crash` (the browser died or disconnected) or `recycle` (planned relaunch). */
  browserRestarts: 'outpost.browser.restarts',
  /** Gauge: browser contexts open now; more than the browser runs in flight means a leak. */
  browserContexts: 'outpost.browser.contexts',
  /** Gauge: pages open now in every browser context. */
  browserPages: 'outpost.browser.pages',
  /** Counter, by journey, location and `kind`: `run` (an attempt ended `error`), `store`, `claim`. */
  runErrors: 'outpost.scheduler.run.errors',
  /** Counter, by journey and location: runs that passed only on a confirmation retry (flaky). */
  degradedRuns: 'outpost.scheduler.runs.degraded',
  /** Histogram (s), by journey and location: actual start − planned start of a slot's run. */
  scheduleLag: 'outpost.scheduler.schedule.lag',
  /** Gauge: 1 while this replica holds the leader lease (runs retention, alerting), else 0. */
  leader: 'outpost.leader',
  /** Counter, by `task` and `outcome` (`ok`, `error`, `aborted`): rounds of leader-only tasks. */
  leaderTaskRuns: 'outpost.leader.task.runs',
} as const;

/** The meter serve's instruments are created on. */
export const SCHEDULER_METER = 'outpost.scheduler';

/**
 * Why a slot did not run:
 * - `overlap`: the journey's previous run at this location was still going (or waiting);
 * - `late`: the process was stalled past the slot and a later one was already due;
 * - `shutdown`: the slot was waiting for a free run when serve began to shut down;
 * - `claim`: the slot could not be claimed (coordination unreachable).
 */
export type MissReason = 'overlap' | 'late' | 'shutdown' | 'claim';

export const MISS_REASONS: readonly MissReason[] = ['overlap', 'late', 'shutdown', 'claim'];

/** Lag buckets in seconds: on time (ms of timer slack) to a queue that waited minutes. */
export const LAG_BUCKETS_SECONDS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
