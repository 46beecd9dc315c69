import type { Counter, Meter } from '@opentelemetry/api';
import type { LeaderLease } from './coordination/slot-claims.js';
import { SILENT_LOGGER, type Logger } from './logger.js';
import { abortableSleep } from './retry-backoff.js';
import { SCHEDULER_INSTRUMENTS as I } from './scheduler-instruments.js';

/**
 * Once-only background work of `outpost serve` (retention, alert evaluation and delivery): it runs
 * on the replica that holds the leader lease, and only while it holds it.
 * @example
 * const task: LeaderTask = {
 *   name: 'alerts',
 *   intervalMs: 30_000,
 *   run: async (nowMs, signal) => { await evaluateAndDeliver(nowMs, signal); },
 * };
 */
export interface LeaderTask {
  /** For logs and the `task` label of `outpost_leader_task_runs_total`; unique per process. */
  name: string;
  /** The pause between the end of one round and the start of the next. The first round starts as soon as leadership is won. */
  intervalMs: number;
  /**
   * One round of the work, starting at `nowMs` (epoch ms). `signal` aborts when leadership is lost
   * or serve stops: stop at the next safe point (between batches). A thrown error is logged and
   * counted; the next round comes at its time. Rounds of one task never overlap. Since the lease
   * may be lost between two checks, a round must be safe to repeat on the new leader.
   */
  run(nowMs: number, signal: AbortSignal): Promise<void>;
}

export interface LeaderTasksOptions {
  lease: LeaderLease;
  tasks: readonly LeaderTask[];
  /** How often the lease is checked (default 5 s); a standby replica takes over within about this once the leader's session ends. */
  checkEveryMs?: number;
  logger?: Logger;
  /** Where `outpost_leader` and `outpost_leader_task_runs_total` are created; none without it. */
  meter?: Meter;
  now?: () => number;
}

export const DEFAULT_LEADER_CHECK_MS = 5_000;

/** The outcome label of one task round. */
export type LeaderTaskOutcome = 'ok' | 'error' | 'aborted';

/**
 * Runs {@link LeaderTask}s while this replica holds the lease: checks the lease every
 * `checkEveryMs` (and before each round), starts every task's loop when leadership is won, aborts
 * them when it is lost (a failed check: the connection dropped, the database restarted) and
 * starts them again if it is won back. Tasks run beside probing, never instead of it: they are
 * plain async work on the same event loop, so a task must yield (await I/O, batch its work).
 *
 * Leadership shows in the log (`leader.acquired`, `leader.lost`, `leader.standby`) and in the
 * `outpost_leader` gauge (1 on the leader, 0 elsewhere).
 */
export class LeaderTasks {
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly taskRuns: Counter | undefined;
  private readonly stopping = new AbortController();
  /** Aborted when the current leadership term ends; undefined while not leading. */
  private term: AbortController | undefined;
  private readonly loops = new Set<Promise<void>>();
  private checkLoop: Promise<void> | undefined;
  private checking: Promise<boolean> | undefined;
  private wake: AbortController = new AbortController();
  private announcedStandby = false;

  constructor(private readonly options: LeaderTasksOptions) {
    const names = options.tasks.map((task) => task.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined) throw new Error(`two leader tasks are named ${JSON.stringify(duplicate)}`);
    this.logger = options.logger ?? SILENT_LOGGER;
    this.now = options.now ?? Date.now;
    if (options.meter !== undefined) {
      options.meter.createObservableGauge(I.leader, { description: 'Whether this replica holds the leader lease and runs the once-only work (1) or not (0)' })
        .addCallback((result) => result.observe(this.leading ? 1 : 0));
      this.taskRuns = options.meter.createCounter(I.leaderTaskRuns, { description: 'Rounds of leader-only tasks, by task and outcome (ok, error, aborted)', unit: '{run}' });
      for (const name of names) for (const outcome of ['ok', 'error', 'aborted'] as const) this.taskRuns.add(0, { task: name, outcome });
    }
  }

  /** True while this replica holds the lease (as of the last check). */
  get leading(): boolean {
    return this.term !== undefined;
  }

  /** Starts checking the lease (the first check right away). */
  start(): void {
    this.checkLoop ??= this.checkPeriodically();
  }

  /** Checks the lease now instead of at the next period (e.g. the lease connection reported an error). */
  recheck(): void {
    this.wake.abort();
  }

  /**
   * Stops checking, aborts the rounds in progress and waits up to `timeoutMs` for them to end.
   * Does not release the lease: the caller owns it and releases it afterwards.
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping.abort();
    this.wake.abort();
    this.endTerm('stopping');
    const timer = new AbortController();
    const ended = Promise.all([this.checkLoop, ...this.loops]).then(() => true);
    const done = await Promise.race([ended, abortableSleep(timeoutMs, timer.signal).then(() => false)]);
    timer.abort();
    if (!done) this.logger.warn('leader.tasks_unfinished', { note: `still running ${timeoutMs} ms after stop; leaving them` });
  }

  private async checkPeriodically(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      await this.check();
      if (this.wake.signal.aborted) this.wake = new AbortController();
      await abortableSleep(this.options.checkEveryMs ?? DEFAULT_LEADER_CHECK_MS, AbortSignal.any([this.wake.signal, this.stopping.signal]));
    }
  }

  /** One lease check at a time; begins or ends the term accordingly. */
  private check(): Promise<boolean> {
    this.checking ??= this.checkOnce().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkOnce(): Promise<boolean> {
    let leader: boolean;
    try {
      leader = await this.options.lease.isLeader();
    } catch (error) {
      this.logger.warn('leader.check_failed', { error: errorMessage(error) });
      leader = false;
    }
    if (this.stopping.signal.aborted) return false;
    if (leader && !this.leading) this.beginTerm();
    else if (!leader && this.leading) this.endTerm('lease lost (connection dropped or lock taken)');
    else if (!leader && !this.announcedStandby) {
      this.announcedStandby = true;
      this.logger.info('leader.standby', { note: 'another replica leads; checking the lease periodically' });
    }
    return leader;
  }

  private beginTerm(): void {
    const term = new AbortController();
    this.term = term;
    this.announcedStandby = false;
    this.logger.info('leader.acquired', { tasks: this.options.tasks.map((task) => task.name).join(',') || undefined });
    for (const task of this.options.tasks) {
      const loop = this.runLoop(task, term.signal).finally(() => this.loops.delete(loop));
      this.loops.add(loop);
    }
  }

  private endTerm(reason: string): void {
    const term = this.term;
    if (term === undefined) return;
    this.term = undefined;
    term.abort();
    this.logger.warn('leader.lost', { reason, note: reason === 'stopping' ? undefined : 'leader-only tasks stopped; another replica takes over' });
  }

  private async runLoop(task: LeaderTask, term: AbortSignal): Promise<void> {
    while (!term.aborted) {
      // A round starts only on a fresh confirmation, so a lost lease is noticed before, not after, the work.
      if (!(await this.check()) || term.aborted) return;
      await this.runRound(task, term);
      await abortableSleep(task.intervalMs, term);
    }
  }

  private async runRound(task: LeaderTask, term: AbortSignal): Promise<void> {
    const startedAt = this.now();
    let outcome: LeaderTaskOutcome = 'ok';
    try {
      await task.run(startedAt, term);
      if (term.aborted) outcome = 'aborted';
    } catch (error) {
      outcome = term.aborted ? 'aborted' : 'error';
      if (outcome === 'error') this.logger.error('leader.task_failed', { task: task.name, error: errorMessage(error), duration_ms: this.now() - startedAt });
    }
    this.taskRuns?.add(1, { task: task.name, outcome });
  }
}

/**
 * Starts running `tasks` whenever this replica holds `lease`; returns the handle whose `stop()`
 * ends them (then release the lease).
 * @example
 * const leader = runWhileLeader(lease, [retentionTask], { logger, meter });
 * // … on shutdown:
 * await leader.stop();
 * await lease.release();
 */
export function runWhileLeader(lease: LeaderLease, tasks: readonly LeaderTask[], options: Omit<LeaderTasksOptions, 'lease' | 'tasks'> = {}): LeaderTasks {
  const leader = new LeaderTasks({ ...options, lease, tasks });
  leader.start();
  return leader;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
