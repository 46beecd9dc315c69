import pLimit, { type LimitFunction } from 'p-limit';
import type { Slot, SlotClaims } from './coordination/slot-claims.js';
import type { ScheduledJourney } from './scheduled-journeys.js';
import type { MissReason } from './scheduler-instruments.js';

/** A slot whose time has come. */
export interface DueSlot {
  scheduled: ScheduledJourney;
  slot: Slot;
  /** Taken over from a replica that died: this replica already holds its claim. */
  takenOver?: boolean;
}

/** What the dispatcher reports besides runs. */
export interface DispatchEvents {
  missed(due: DueSlot, reason: MissReason): void;
  /** Another replica claimed the slot first (normal with several replicas). */
  claimedElsewhere(due: DueSlot): void;
  /** Claiming or completing the slot failed, or its run threw. */
  failed(due: DueSlot, operation: 'claim' | 'complete' | 'run', error: unknown): void;
}

export interface SlotDispatcherOptions {
  /** Slot runs at the same time, across all journeys. */
  concurrency: number;
  claims: SlotClaims;
  /** This replica's id in the claims. */
  owner: string;
  /** How long a claim of this journey's slot covers its run (timeouts of every attempt, backoff, grace). */
  leaseMs(scheduled: ScheduledJourney): number;
  /** Runs a claimed slot; resolves with the id of its last stored attempt, if any was stored. */
  runSlot(due: DueSlot, startedAt: number): Promise<string | undefined>;
  events: DispatchEvents;
  now?: () => number;
}

/**
 * Turns due slots into runs: at most one per journey and location at a time (a slot that comes
 * while the previous one is running or waiting is missed, so nothing queues without bound), at
 * most `concurrency` in all (the rest wait their turn), each claimed before it runs so that one
 * replica runs it. Claiming at the start of the run, not when the slot is due, lets a replica with
 * a free run take a slot that a busy one would have to queue.
 */
export class SlotDispatcher {
  private readonly limit: LimitFunction;
  /** `journey@location` of slots queued or running. */
  private readonly busy = new Set<string>();
  private readonly work = new Set<Promise<void>>();
  private stopping = false;
  private readonly now: () => number;

  constructor(private readonly options: SlotDispatcherOptions) {
    this.limit = pLimit(options.concurrency);
    this.now = options.now ?? Date.now;
  }

  /** Slot runs going now (claiming, running attempts or waiting to retry). */
  get inFlight(): number {
    return this.limit.activeCount;
  }

  /** Due slots waiting for a free run. */
  get queued(): number {
    return this.limit.pendingCount;
  }

  /** True while this journey's previous slot at this location is queued or running. */
  isBusy(due: Pick<DueSlot, 'slot'>): boolean {
    return this.busy.has(busyKey(due.slot));
  }

  /** Hands a due slot over; false when it was missed (overlap) or serve is shutting down. */
  dispatch(due: DueSlot): boolean {
    if (this.stopping) return false;
    if (this.isBusy(due)) {
      this.options.events.missed(due, 'overlap');
      return false;
    }
    const key = busyKey(due.slot);
    this.busy.add(key);
    const done = this.limit(() => this.start(due))
      .catch((error: unknown) => this.options.events.failed(due, 'run', error))
      .finally(() => {
        this.busy.delete(key);
        this.work.delete(done);
      });
    this.work.add(done);
    return true;
  }

  /** Takes no more slots; queued ones are dropped (missed, `shutdown`) when their turn comes. */
  stop(): void {
    this.stopping = true;
  }

  /** Resolves when every dispatched slot has run or been dropped. */
  async idle(): Promise<void> {
    while (this.work.size > 0) await Promise.all([...this.work]);
  }

  private async start(due: DueSlot): Promise<void> {
    const { options } = this;
    if (this.stopping) {
      // A slot taken over is claimed already: give it back so another replica runs it soon.
      if (due.takenOver) await options.claims.release(due.slot, options.owner).catch(() => undefined);
      return options.events.missed(due, 'shutdown');
    }
    if (!due.takenOver && !(await this.claim(due))) return;
    const runId = await options.runSlot(due, this.now());
    if (runId === undefined) return;
    await options.claims.complete(due.slot, options.owner, runId).catch((error: unknown) => options.events.failed(due, 'complete', error));
  }

  private async claim(due: DueSlot): Promise<boolean> {
    const { options } = this;
    let claimed: boolean;
    try {
      claimed = await options.claims.claim(due.slot, options.owner, options.leaseMs(due.scheduled));
    } catch (error) {
      options.events.failed(due, 'claim', error);
      options.events.missed(due, 'claim');
      return false;
    }
    if (!claimed) options.events.claimedElsewhere(due);
    return claimed;
  }
}

function busyKey(slot: Slot): string {
  return `${slot.journey}@${slot.location}`;
}
