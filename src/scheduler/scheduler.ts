import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Meter } from '@opentelemetry/api';
import type { ResultStore } from '../store/index.js';
import { slotSessionId } from './slot-session.js';
import { InMemorySlotClaims } from './coordination/in-memory-slot-claims.js';
import type { Slot, SlotClaims } from './coordination/slot-claims.js';
import { SILENT_LOGGER, type Logger } from './logger.js';
import { abortableSleep, totalBackoffMs } from './retry-backoff.js';
import type { ScheduledJourney } from './scheduled-journeys.js';
import type { MissReason } from './scheduler-instruments.js';
import { SchedulerMetrics } from './scheduler-metrics.js';
import { SlotDispatcher, type DispatchEvents, type DueSlot } from './slot-dispatcher.js';
import { createSlotRunner, type SlotRunnerOptions } from './slot-runner.js';

export interface SchedulerOptions extends Omit<SlotRunnerOptions, 'stopping' | 'abort' | 'metrics' | 'logger' | 'onRecord' | 'owner' | 'store'> {
  /** Where results go; a takeover also looks there for a run the previous owner stored. */
  store: Pick<ResultStore, 'saveRun' | 'queryRuns'>;
  journeys: readonly ScheduledJourney[];
  /** Slot runs at the same time (the config's `defaults.concurrency`). */
  concurrency: number;
  /** Who runs which slot; one process by default. The caller closes claims it passes. */
  claims?: SlotClaims;
  /** This replica's id in the claims; host, pid and a random part by default. */
  owner?: string;
  /** Where the self-monitoring instruments are created. */
  meter: Meter;
  /** Browser relaunches so far, for `outpost.browser.restarts`. */
  browserRestarts(): { crash: number; recycle: number };
  /** Browser contexts and pages open now, for `outpost.browser.contexts` and `outpost.browser.pages`. */
  browserOpen?(): { contexts: number; pages: number };
  logger?: Logger;
  /** Added to each slot's lease beyond its run time (shutdown grace, slack). */
  leaseGraceMs: number;
  /**
   * How often to look for slots of replicas that died (default 5 s): a dead replica's unfinished
   * slot is re-run within this of its lease ending. One indexed query per period and replica.
   */
  takeOverEveryMs?: number;
}

/** Node timers hold at most 2^31 - 1 ms; a later slot is re-armed when the timer wakes early. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const DEFAULT_TAKE_OVER_EVERY_MS = 5_000;
/** After the grace period, how long aborted runs get to end and be stored. */
const AFTER_ABORT_MS = 15_000;

/**
 * The probing daemon: a timer per journey fires at its planned slots (see SlotTimeline), slots go
 * to the dispatcher (no overlap, concurrency limit, claims), runs go to the slot runner (retries,
 * storage, logs). `stop()` shuts down gracefully.
 */
export class Scheduler {
  readonly owner: string;
  private readonly claims: SlotClaims;
  /** Claims this scheduler created (and closes); passed-in ones belong to the caller. */
  private readonly ownsClaims: boolean;
  private readonly logger: Logger;
  private readonly metrics: SchedulerMetrics;
  private readonly dispatcher: SlotDispatcher;
  private readonly byName: Map<string, ScheduledJourney>;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly stopping = new AbortController();
  private readonly abort = new AbortController();
  private takeOverTimer: NodeJS.Timeout | undefined;
  private stopped: Promise<void> | undefined;
  private writeError: string | undefined;

  constructor(private readonly options: SchedulerOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.claims = options.claims ?? new InMemorySlotClaims();
    this.ownsClaims = options.claims === undefined;
    this.logger = options.logger ?? SILENT_LOGGER;
    this.byName = new Map(options.journeys.map((s) => [s.journey.name, s]));
    // The gauges read the dispatcher only when collected, after it exists.
    this.metrics = new SchedulerMetrics(options.meter, {
      inFlight: () => this.dispatcher.inFlight,
      queued: () => this.dispatcher.queued,
      browserRestarts: options.browserRestarts,
      browserOpen: options.browserOpen,
    });
    this.metrics.prime([...this.byName.keys()], options.location);
    this.dispatcher = new SlotDispatcher({
      concurrency: options.concurrency,
      claims: this.claims,
      owner: this.owner,
      leaseMs: (s) => this.leaseMs(s),
      runSlot: createSlotRunner({
        ...options,
        owner: this.owner,
        stopping: this.stopping.signal,
        abort: this.abort.signal,
        metrics: this.metrics,
        logger: this.logger,
        onRecord: (outcome) => void (this.writeError = outcome.stored ? undefined : outcome.error.message),
      }),
      events: this.dispatchEvents(),
    });
  }

  /** Slot runs going now, and due slots waiting for a free run. */
  get load(): { inFlight: number; queued: number } {
    return { inFlight: this.dispatcher.inFlight, queued: this.dispatcher.queued };
  }

  /** The error of the last result save when it failed (readiness); undefined after a good one. */
  lastWriteError(): string | undefined {
    return this.writeError;
  }

  /** Arms every journey's first slot (the first planned time after now; nothing runs at once). */
  start(): void {
    const now = Date.now();
    for (const scheduled of this.options.journeys) {
      const next = scheduled.timeline.plannedAfter(now);
      this.logger.info('schedule', { journey: scheduled.journey.name, location: this.options.location, schedule: scheduled.schedule, next: new Date(next).toISOString() });
      this.arm(scheduled, next);
    }
    this.takeOverTimer = setInterval(() => void this.takeOver(), this.options.takeOverEveryMs ?? DEFAULT_TAKE_OVER_EVERY_MS);
  }

  /**
   * Stops scheduling, lets runs in flight finish within `graceMs`, then aborts the rest (they end
   * `aborted` and are stored). Slots still waiting for a free run are dropped. Resolves when every
   * run has been stored (or, past a last bound, given up on); the caller then closes the store.
   */
  stop(graceMs: number): Promise<void> {
    this.stopped ??= this.shutDown(graceMs);
    return this.stopped;
  }

  private async shutDown(graceMs: number): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    clearInterval(this.takeOverTimer);
    this.stopping.abort();
    this.dispatcher.stop();
    this.logger.info('shutdown.begin', { in_flight: this.dispatcher.inFlight, queued: this.dispatcher.queued, grace_ms: graceMs });
    if (!(await this.idleWithin(graceMs))) {
      this.logger.warn('shutdown.abort', { in_flight: this.dispatcher.inFlight, note: 'grace period over: aborting runs in flight' });
      this.abort.abort();
      if (!(await this.idleWithin(AFTER_ABORT_MS))) this.logger.error('shutdown.runs_unfinished', { in_flight: this.dispatcher.inFlight });
    }
    if (this.ownsClaims) await this.claims.close();
  }

  /** True when the dispatcher went idle within `ms`. */
  private async idleWithin(ms: number): Promise<boolean> {
    const timer = new AbortController();
    const idle = this.dispatcher.idle().then(() => true);
    const result = await Promise.race([idle, abortableSleep(ms, timer.signal).then(() => false)]);
    timer.abort();
    return result;
  }

  private arm(scheduled: ScheduledJourney, planned: number): void {
    const delay = Math.min(Math.max(0, planned - Date.now()), MAX_TIMER_MS);
    this.timers.set(scheduled.journey.name, setTimeout(() => this.fire(scheduled, planned), delay));
  }

  private fire(scheduled: ScheduledJourney, planned: number): void {
    if (this.stopping.signal.aborted) return;
    const now = Date.now();
    if (now < planned) return this.arm(scheduled, planned);
    const { missed, due } = scheduled.timeline.catchUp(planned, now);
    for (const late of missed) this.missed({ scheduled, slot: this.slot(scheduled, late) }, 'late');
    this.dispatcher.dispatch({ scheduled, slot: this.slot(scheduled, due) });
    this.arm(scheduled, scheduled.timeline.plannedAfter(due));
  }

  private async takeOver(): Promise<void> {
    const free = this.options.concurrency - this.dispatcher.inFlight - this.dispatcher.queued;
    if (this.stopping.signal.aborted || free <= 0) return;
    const longest = Math.max(...[...this.byName.values()].map((s) => this.leaseMs(s)));
    // Only journeys this replica has and is not running now: it could not run the others' slots.
    const idle = [...this.byName.keys()].filter((journey) => !this.dispatcher.isBusy({ slot: { journey, location: this.options.location, plannedAt: 0 } }));
    if (idle.length === 0) return;
    try {
      const slots = await this.claims.takeOverExpired(this.options.location, this.owner, Date.now(), longest, free, idle);
      for (const slot of slots) await this.runTakenOver(slot);
    } catch (error) {
      this.logger.warn('slot.takeover_failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async runTakenOver(slot: Slot): Promise<void> {
    const scheduled = this.byName.get(slot.journey)!;
    const due = { scheduled, slot, takenOver: true };
    const fields = { journey: slot.journey, location: slot.location, planned: new Date(slot.plannedAt).toISOString() };
    if (await this.completeIfStored(slot, fields)) return;
    // The journey's own slot came while the takeover query ran, or serve began to stop: hand the
    // claim back for the next look (of any replica) rather than drop it or run two at once.
    if (this.dispatcher.isBusy(due) || this.stopping.signal.aborted) {
      this.logger.info('slot.takeover_deferred', { ...fields, note: 'busy here; released for the next takeover' });
      void this.claims.release(slot, this.owner).catch((error: unknown) => this.logger.warn('slot.release_failed', { ...fields, error: error instanceof Error ? error.message : String(error) }));
      return;
    }
    this.logger.info('slot.taken_over', { ...fields, note: 'its replica did not complete it' });
    this.dispatcher.dispatch(due);
  }

  /**
   * A replica can die after storing a slot's run but before marking the slot done: then the run is
   * in the store under the previous owner's session, and the slot is completed with it, not run again.
   */
  private async completeIfStored(slot: Slot, fields: Record<string, string>): Promise<boolean> {
    if (slot.previousOwner === undefined) return false;
    const [stored] = await this.options.store.queryRuns({ sessionId: slotSessionId(slot, slot.previousOwner), limit: 1 });
    if (stored === undefined) return false;
    await this.claims.complete(slot, this.owner, stored.id);
    this.logger.info('slot.recovered', { ...fields, run: stored.id, note: 'its replica stored the run but did not mark the slot done' });
    return true;
  }

  private slot(scheduled: ScheduledJourney, plannedAt: number): Slot {
    return { journey: scheduled.journey.name, location: this.options.location, plannedAt };
  }

  /** Every attempt's timeout, the backoff between them, and the grace. */
  private leaseMs(scheduled: ScheduledJourney): number {
    const attemptMs = scheduled.journey.timeoutMs ?? this.options.run.timeouts.journeyMs;
    const { retry } = this.options;
    return (retry.retries + 1) * attemptMs + totalBackoffMs(retry) + this.options.leaseGraceMs;
  }

  private missed(due: DueSlot, reason: MissReason): void {
    this.metrics.slotMissed({ journey: due.slot.journey, location: due.slot.location }, reason);
    this.logger.warn('slot.missed', { journey: due.slot.journey, location: due.slot.location, planned: new Date(due.slot.plannedAt).toISOString(), reason });
  }

  private dispatchEvents(): DispatchEvents {
    return {
      missed: (due, reason) => this.missed(due, reason),
      // Normal with several replicas (every slot but the ones this replica won): not worth a line.
      claimedElsewhere: () => {},
      failed: (due, operation, error) => {
        if (operation !== 'run') this.metrics.runError({ journey: due.slot.journey, location: due.slot.location }, 'claim');
        this.logger.error(`slot.${operation}_failed`, { journey: due.slot.journey, error: error instanceof Error ? error.message : String(error) });
      },
    };
  }
}
