import type { JourneyResult } from '../../../journey/index.js';
import { quantileOfSorted } from '../../../canary/index.js';
import { displayStatus, DISPLAY_STATUSES, type DisplayStatus } from './run-status.js';
import { runSummary, type RunSummary } from './run-summary.js';

/** One run on the timeline strip. */
export interface TimelineCell {
  id: string;
  startedAtMs: number;
  durationMs: number;
  display: DisplayStatus;
  attempt: number;
}

/** Latency of the passed runs (or steps) that started in one bucket. */
export interface LatencyPoint {
  atMs: number;
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface JourneyView {
  journey: string;
  cuj?: string;
  description?: string;
  range: { fromMs: number; toMs: number };
  /** Per location, oldest run first. */
  locations: { location: string; runs: TimelineCell[] }[];
  latency: { bucketMs: number; journey: LatencyPoint[]; steps: { step: string; points: LatencyPoint[] }[] };
  counts: Record<DisplayStatus, number>;
  /** Newest first. */
  recent: RunSummary[];
  /** More runs started in the range than were read: the oldest are left out. */
  truncated: boolean;
}

/** Latency buckets across the range. */
export const LATENCY_BUCKETS = 24;
/** Runs in the "recent runs" table. */
export const RECENT_RUNS = 25;

/** The journey page's data from its runs in `range`, newest first as the store answers. */
export function journeyView(name: string, runs: readonly JourneyResult[], range: { fromMs: number; toMs: number }, truncated: boolean): JourneyView {
  const newest = runs[0];
  const counts = Object.fromEntries(DISPLAY_STATUSES.map((status) => [status, 0])) as Record<DisplayStatus, number>;
  const byLocation = new Map<string, TimelineCell[]>();
  for (const run of [...runs].reverse()) {
    const cell: TimelineCell = { id: run.id, startedAtMs: Date.parse(run.startedAt), durationMs: run.durationMs, display: displayStatus(run), attempt: run.attempt };
    counts[cell.display] += 1;
    const cells = byLocation.get(run.location) ?? [];
    cells.push(cell);
    byLocation.set(run.location, cells);
  }
  return {
    journey: name,
    ...(newest === undefined ? {} : { cuj: newest.cuj.id }),
    ...(newest?.cuj.description === undefined ? {} : { description: newest.cuj.description }),
    range,
    locations: [...byLocation].sort(([a], [b]) => (a < b ? -1 : 1)).map(([location, cells]) => ({ location, runs: cells })),
    latency: latency(runs, range),
    counts,
    recent: runs.slice(0, RECENT_RUNS).map(runSummary),
    truncated,
  };
}

function latency(runs: readonly JourneyResult[], range: { fromMs: number; toMs: number }): JourneyView['latency'] {
  const bucketMs = Math.max(60_000, Math.ceil((range.toMs - range.fromMs) / LATENCY_BUCKETS / 60_000) * 60_000);
  const count = Math.ceil((range.toMs - range.fromMs) / bucketMs);
  const journey = new Buckets(count);
  const steps = new Map<string, Buckets>();
  for (const run of runs) {
    if (run.status !== 'passed') continue;
    const i = Math.floor((Date.parse(run.startedAt) - range.fromMs) / bucketMs);
    if (i < 0 || i >= count) continue;
    journey.add(i, run.durationMs);
    for (const step of run.steps) {
      if (step.status !== 'passed') continue;
      let buckets = steps.get(step.name);
      if (buckets === undefined) steps.set(step.name, (buckets = new Buckets(count)));
      buckets.add(i, step.durationMs);
    }
  }
  // Steps in the order the journey runs them (the newest run's order).
  const order = new Map((runs[0]?.steps ?? []).map((step, index) => [step.name, index]));
  return {
    bucketMs,
    journey: journey.points(range.fromMs, bucketMs),
    steps: [...steps]
      .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity))
      .map(([step, buckets]) => ({ step, points: buckets.points(range.fromMs, bucketMs) })),
  };
}

class Buckets {
  private readonly samples: number[][];

  constructor(count: number) {
    this.samples = Array.from({ length: count }, () => []);
  }

  add(i: number, durationMs: number): void {
    this.samples[i]!.push(durationMs);
  }

  points(fromMs: number, bucketMs: number): LatencyPoint[] {
    return this.samples.map((samples, i) => {
      const sorted = samples.sort((a, b) => a - b);
      const empty = sorted.length === 0;
      return { atMs: fromMs + i * bucketMs, count: sorted.length, p50Ms: empty ? null : quantileOfSorted(sorted, 0.5), p95Ms: empty ? null : quantileOfSorted(sorted, 0.95) };
    });
  }
}
