/**
 * Scheduled probing (`outpost serve`): per-journey schedules with deterministic jitter, slots
 * claimed across replicas, no overlap, a concurrency limit, confirmation retries, graceful shutdown.
 */
export { Scheduler, type SchedulerOptions } from './scheduler.js';
export { slotSessionId } from './slot-session.js';
export { planSchedules, SchedulePlanError, type SchedulePlan, type ScheduledJourney } from './scheduled-journeys.js';
export { ScheduleError, MIN_INTERVAL_MS } from './schedule-series.js';
export { shortestIntervalMs } from './probe-interval.js';
export { DEFAULT_JITTER, JitterOptionsError, type JitterOptions } from './jitter.js';
export type { RetryPolicy, SlotOutcome } from './retry-backoff.js';
export type { SharedSlotRunOptions } from './slot-runner.js';
export { recordResult, type RecordOutcome } from './result-recorder.js';
export { createLineLogger, SILENT_LOGGER, type Logger, type LogFields, type LogLevel } from './logger.js';
export { SCHEDULER_INSTRUMENTS, SCHEDULER_METER, type MissReason } from './scheduler-instruments.js';
export type { Slot, SlotClaims, LeaderLease } from './coordination/slot-claims.js';
export { InMemorySlotClaims } from './coordination/in-memory-slot-claims.js';
export { SingleReplicaLease } from './coordination/single-replica-lease.js';
export { PostgresSlotClaims } from './coordination/postgres-slot-claims.js';
export { PostgresLeaderLease, type PostgresLeaderLeaseOptions } from './coordination/postgres-leader-lease.js';
export { LeaderTasks, runWhileLeader, DEFAULT_LEADER_CHECK_MS, type LeaderTask, type LeaderTasksOptions, type LeaderTaskOutcome } from './leader-tasks.js';
