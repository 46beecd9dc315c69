import type { Meter } from '@opentelemetry/api';
import { PostgresLeaderLease, runWhileLeader, SingleReplicaLease, type LeaderLease, type LeaderTask, type LeaderTasks, type Logger, type SlotClaims } from '../../scheduler/index.js';
import type { ResolvedRetention } from '../../config/index.js';
import type { ResultStore, SlotPruner } from '../../store/index.js';
import type { RunPlan } from '../run-plan.js';
import { retentionTask } from './serve-retention-task.js';
import { rollupMaintenanceTask } from './serve-rollup-task.js';
import { sloTask } from './serve-slo-task.js';

/** What a leader task of serve may use. */
export interface LeaderTaskContext {
  plan: RunPlan;
  store: ResultStore;
  /** The replicas' shared slot claims (PostgreSQL), whose old rows retention prunes; undefined with SQLite. */
  claims: (SlotClaims & SlotPruner) | undefined;
  logger: Logger;
  meter: Meter;
  /** This replica's name (the scheduler's owner; outbox rows are claimed under it). */
  owner: string;
  /** The config's `retention`, with `--retention` applied. */
  retention: ResolvedRetention;
}

/**
 * The once-only work of `outpost serve`, run on the leader replica only (see {@link LeaderTask}).
 * To add work, add one line: a function of the context returning a task, or undefined when the
 * config turns it off.
 */
export function serveLeaderTasks(context: LeaderTaskContext): LeaderTask[] {
  const tasks: (LeaderTask | undefined)[] = [
    retentionTask(context),
    rollupMaintenanceTask(context),
    sloTask(context),
  ];
  return tasks.filter((task): task is LeaderTask => task !== undefined);
}

/** The lease and the loop that runs the leader tasks while holding it. */
export interface ServeLeader {
  tasks: LeaderTasks;
  /** Stops the tasks (aborting rounds in progress), then gives the lease up so another replica leads at once. */
  stop(): Promise<void>;
}

/**
 * Replicas sharing a PostgreSQL store elect one leader through an advisory lock on it; with SQLite
 * (one process) this process always leads.
 */
export function startServeLeader(storeLocation: string, context: LeaderTaskContext): ServeLeader {
  let tasks: LeaderTasks | undefined;
  const lease: LeaderLease = /^postgres(ql)?:\/\//i.test(storeLocation)
    ? new PostgresLeaderLease(storeLocation, {
      onError: (error) => {
        context.logger.warn('leader.lease_error', { error: error.message });
        // The lease connection dropped: look again now rather than at the next period.
        tasks?.recheck();
      },
    })
    : new SingleReplicaLease();
  tasks = runWhileLeader(lease, serveLeaderTasks(context), { logger: context.logger, meter: context.meter });
  const running = tasks;
  return {
    tasks: running,
    stop: async () => {
      await running.stop();
      await lease.release();
    },
  };
}
