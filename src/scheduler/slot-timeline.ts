import { DEFAULT_JITTER, jitterMs, type JitterOptions } from './jitter.js';
import type { ScheduleSeries } from './schedule-series.js';

/** The slots whose time has come, at some moment. */
export interface CatchUp {
  /** Slots a later due one supersedes (the process was stalled past them): missed, not run late. */
  missed: number[];
  /** The latest slot whose time has come: the one to run. */
  due: number;
}

/** Past this many missed slots in one catch-up, the rest are skipped without being listed (a very long stall). */
const MAX_LISTED_MISSES = 1_000;

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

  /** The last planned start at or before `t`. */
  plannedAtOrBefore(t: number): number {
    const nominal = this.series.atOrBefore(t);
    const planned = this.planned(nominal);
    return planned <= t ? planned : this.planned(this.series.atOrBefore(nominal - 1));
  }

  /**
   * At `now`, with `first` the earliest slot not handled yet (its time has come): the latest slot
   * due runs, and those before it are missed. Normally `first` itself is due and nothing is missed.
   */
  catchUp(first: number, now: number): CatchUp {
    const missed: number[] = [];
    let due = first;
    for (let following = this.plannedAfter(due); following <= now; following = this.plannedAfter(due)) {
      if (missed.length >= MAX_LISTED_MISSES) return { missed, due: this.plannedAtOrBefore(now) };
      missed.push(due);
      due = following;
    }
    return { missed, due };
  }

  /** The jitter of the nominal slot at `nominal`, bounded by its gap to the next one. */
  private planned(nominal: number): number {
    const gap = this.series.nextAfter(nominal) - nominal;
    return nominal + jitterMs(this.journey, this.location, gap, this.jitter);
  }
}
