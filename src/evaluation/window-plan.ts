import { DAY_MS, HOUR_MS, MINUTE_MS } from '../scoring/index.js';
import type { RollupCoverage, RollupResolution } from '../store/index.js';

/** Rows of one resolution whose buckets start in `[fromMs, toMs)`. */
export interface Segment {
  resolution: RollupResolution;
  fromMs: number;
  toMs: number;
}

/** How a window is read from rollups: the rows to sum, and whether that is exactly the window. */
export interface WindowPlan {
  /** The window as read (its old edge may have moved to an hour or day boundary). */
  fromMs: number;
  toMs: number;
  segments: Segment[];
  /** False when the old edge had to be rounded because minute (or hour) rows were already deleted. */
  exact: boolean;
}

/**
 * The minute buckets a window of `windowMs` ending at `endMs` covers, as the scoring engine counts
 * it (see `windowSum`): the `ceil(windowMs / 1 min)` minutes that start before `endMs`, the one in
 * progress included.
 */
export function minuteWindow(endMs: number, windowMs: number): { fromMs: number; toMs: number } {
  const toMs = Math.ceil(endMs / MINUTE_MS) * MINUTE_MS;
  return { fromMs: toMs - Math.max(1, Math.ceil(windowMs / MINUTE_MS)) * MINUTE_MS, toMs };
}

/**
 * Plans which rollup rows make up `[fromMs, toMs)` (minute-aligned): folded whole days from day rows
 * and folded whole hours from hour rows (fewer rows to sum, the same counts), minute rows for the
 * rest. Where the finer rows are gone (older than their retention), the old edge moves to the
 * nearest hour (or day) boundary and the plan is not exact.
 */
export function planWindow(window: { fromMs: number; toMs: number }, coverage: RollupCoverage): WindowPlan {
  // Day rows serve what is older than `hourStart`, hour rows `[hourStart, minuteStart)`, minute rows the
  // rest. Hour rows are complete from the oldest one kept (only folded hours are ever deleted), minute
  // rows likewise; the boundaries are aligned up so that no coarse row overlaps the finer rows used.
  const hourStart = alignUp(Math.min(coverage.hour.fromMs ?? Infinity, coverage.day.toMs), DAY_MS);
  const minuteStart = Math.max(hourStart, alignUp(Math.min(coverage.minute.fromMs ?? Infinity, coverage.hour.toMs), HOUR_MS));
  const plan = new PlanBuilder(coverage);
  let fromMs = window.fromMs;
  const toMs = window.toMs;
  if (fromMs < minuteStart) {
    const unit = fromMs < hourStart ? DAY_MS : HOUR_MS;
    fromMs = Math.round(fromMs / unit) * unit;
  }
  plan.add('day', fromMs, Math.min(toMs, hourStart));
  plan.add('hour', Math.max(fromMs, hourStart), Math.min(toMs, minuteStart));
  plan.add('minute', Math.max(fromMs, minuteStart), toMs);
  // Moving an edge that lies before every stored row changes nothing.
  const oldest = Math.min(coverage.minute.fromMs ?? Infinity, coverage.hour.fromMs ?? Infinity, coverage.day.fromMs ?? Infinity);
  const edgeKept = fromMs === window.fromMs || Math.max(fromMs, window.fromMs) <= oldest;
  return { fromMs, toMs, segments: plan.segments, exact: edgeKept && plan.exact };
}

class PlanBuilder {
  readonly segments: Segment[] = [];
  exact = true;

  constructor(private readonly coverage: RollupCoverage) {}

  /** Adds `[from, to)` read at `resolution`, using coarser folded rows for whole buckets inside it. */
  add(resolution: RollupResolution, from: number, to: number): void {
    if (from >= to) return;
    if (resolution === 'day') {
      // Only reached for the part older than the hour rows: both edges at day boundaries.
      const start = Math.round(from / DAY_MS) * DAY_MS;
      const end = Math.round(to / DAY_MS) * DAY_MS;
      if (start !== from || end !== to) this.exact = false;
      this.push('day', start, end);
      return;
    }
    const width = resolution === 'minute' ? HOUR_MS : DAY_MS;
    const folded = resolution === 'minute' ? this.coverage.hour.toMs : this.coverage.day.toMs;
    const coarser = resolution === 'minute' ? 'hour' : 'day';
    const inner = alignUp(from, width);
    const innerEnd = Math.min(Math.floor(to / width) * width, folded);
    if (inner >= innerEnd) {
      this.push(resolution, from, to);
      return;
    }
    this.push(resolution, from, inner);
    this.add(coarser, inner, innerEnd);
    this.push(resolution, innerEnd, to);
  }

  private push(resolution: RollupResolution, fromMs: number, toMs: number): void {
    if (fromMs < toMs) this.segments.push({ resolution, fromMs, toMs });
  }
}

function alignUp(ms: number, width: number): number {
  return Number.isFinite(ms) ? Math.ceil(ms / width) * width : ms;
}
