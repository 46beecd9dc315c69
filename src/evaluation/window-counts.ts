import { latencyCut, LATENCY_BUCKETS, type BucketGrid, type ResolvedSlo, type RunCounter, type SliSpec } from '../scoring/index.js';
import type { RollupStore, RollupSum } from '../store/index.js';
import type { Segment, WindowPlan } from './window-plan.js';

/** Runs of one SLI over one window, summed over its series (every location). */
export interface RunCounts {
  runs: number;
  bad: number;
  degraded: number;
}

/** The step an SLI reads ('' for the whole run). */
export function stepOf(sli: SliSpec): string {
  return sli.kind === 'availability' ? '' : (sli.step ?? '');
}

/** The last latency bucket that counts as passing for an SLI (every bucket for availability). */
export function cutOf(sli: SliSpec): number {
  return sli.kind === 'latency' ? latencyCut(sli.thresholdMs).lastBucket : LATENCY_BUCKETS - 1;
}

/**
 * Sums every planned segment once (windows share segments: one query per segment for all SLOs),
 * then answers run counts per SLO and window.
 */
export class SegmentSums {
  private readonly sums = new Map<string, Map<number, RollupSum>>();

  private constructor(private readonly cuts: readonly number[]) {}

  static async read(rollups: Pick<RollupStore, 'sum'>, plans: Iterable<WindowPlan>, seriesIds: readonly number[], cuts: readonly number[]): Promise<SegmentSums> {
    const found = new SegmentSums(cuts);
    const segments = new Map<string, Segment>();
    for (const plan of plans) for (const segment of plan.segments) segments.set(key(segment), segment);
    if (seriesIds.length === 0) return found;
    for (const [name, segment] of segments) {
      const rows = await rollups.sum({ ...segment, seriesIds }, cuts);
      found.sums.set(name, new Map(rows.map((row) => [row.seriesId, row])));
    }
    return found;
  }

  /** The counts of an SLI over a planned window, summed over `seriesIds`. */
  counts(plan: WindowPlan, seriesIds: readonly number[], cut: number): RunCounts {
    const i = this.cuts.indexOf(cut);
    const total: RunCounts = { runs: 0, bad: 0, degraded: 0 };
    for (const segment of plan.segments) {
      const rows = this.sums.get(key(segment));
      if (rows === undefined) continue;
      for (const id of seriesIds) {
        const row = rows.get(id);
        if (row === undefined) continue;
        const good = row.firstPassWithin[i]!;
        const passed = row.anyPassWithin[i]!;
        total.runs += row.runs;
        total.bad += row.runs - passed;
        total.degraded += passed - good;
      }
    }
    return total;
  }
}

function key(segment: Segment): string {
  return `${segment.resolution}:${segment.fromMs}:${segment.toMs}`;
}

/**
 * A {@link RunCounter} over counts read for fixed windows ending at one instant: what the scoring
 * engine's `evaluateSlo` reads, without per-minute arrays.
 */
export class WindowLookup implements RunCounter {
  readonly unit = 'runs';
  readonly grid: BucketGrid;

  constructor(
    private readonly atMs: number,
    private readonly byWindow: ReadonlyMap<number, RunCounts>,
  ) {
    this.grid = { startMs: atMs, bucketMs: 60_000, count: 0 };
  }

  eventsIn(endMs: number, windowMs: number): number {
    return this.get(endMs, windowMs).runs;
  }

  badIn(endMs: number, windowMs: number): number {
    return this.get(endMs, windowMs).bad;
  }

  degradedIn(endMs: number, windowMs: number): number {
    return this.get(endMs, windowMs).degraded;
  }

  private get(endMs: number, windowMs: number): RunCounts {
    const counts = this.byWindow.get(windowMs);
    if (endMs !== this.atMs || counts === undefined) throw new RangeError(`no counts read for a ${windowMs} ms window ending at ${endMs}`);
    return counts;
  }
}

/** Every window an SLO's evaluation reads: its period, each tier's long and short windows, and extra burn-rate windows. */
export function windowsOf(slo: ResolvedSlo, extra: readonly number[]): number[] {
  return [...new Set([slo.periodMs, ...slo.tiers.flatMap((t) => [t.longWindowMs, t.shortWindowMs]), ...extra])];
}
