import { DEFAULT_JITTER, jitterMs, type JitterOptions } from './jitter.js';
import type { ScheduleSeries } from './schedule-series.js';

/** What is due after a slot ran, at `now`. */
export interface Advance {
  /** Slots whose time passed while a later one is already due (the process was stalled): missed. */
  missed: number[];
  /** The next slot to run; at or before `now` when it is already due. */
  next: number;
}

/** Past this many slots in one advance, the rest are skipped uncounted (a very long stall). */
const MAX_CATCH_UP = 1_000;

/**
 * The planned start times of one journey at one location: the nominal times of its schedule,
 * each delayed by the journey's deterministic jitter. Pure: every method takes the time it
 * reasons about, so it runs on a fake clock in tests and is shared by all replicas.
 */
export class SlotTimeline {
  constructor(
    private readonly series: ScheduleSeries,
    private readonly journey: string,
    private readonly location: string,
    private readonly jitter: JitterOptions = DEFAULT_JITTER,
  ) {}

  /** The first planned start strictly after `t`. */
  plannedAfter(t: number): number {
    // Jitter stays below half the gap to the next nominal time, so planned times keep their order
    // and only the nominal slot at or before `t` can still be planned after it.
    const previous = this.series.atOrBefore(t);
    const previousPlanned = this.planned(previous);
    if (previousPlanned > t) return previousPlanned;
    return this.planned(this.series.nextAfter(t));
  }

  /**
   * After the slot planned at `last` ran (or was skipped), at `now`: the next slot, and the slots
   * in between that a later one supersedes. Normally `missed` is empty and `next` in the future.
   */
  advance(last: number, now: number): Advance {
    const missed: number[] = [];
    let next = this.plannedAfter(last);
    for (let following = this.plannedAfter(next); following <= now; following = this.plannedAfter(next)) {
      if (missed.length >= MAX_CATCH_UP) return { missed, next: this.plannedAfter(now) };
      missed.push(next);
      next = following;
    }
    return { missed, next };
  }

  /** The jitter of the nominal slot at `nominal`, bounded by its gap to the next one. */
  private planned(nominal: number): number {
    const gap = this.series.nextAfter(nominal) - nominal;
    return nominal + jitterMs(this.journey, this.location, gap, this.jitter);
  }
}
