import type { JourneyResult } from '../journey/index.js';
import { LATENCY_BUCKETS, latencyBucket, probeOutcome, type DimensionOutcome } from '../scoring/index.js';
import { RESOLUTION_MS } from './rollup-columns.js';
import type { RollupSeries, SeriesRegistry } from './rollup-series.js';

/** Additive counts of one rollup row (see rollup-columns.ts for what each means). */
export interface RollupCounts {
  runs: number;
  bad: number;
  degraded: number;
  invalid: number;
  /** Per latency bucket: probes whose first valid attempt passed in that bucket. */
  firstPass: number[];
  /** Per latency bucket: probes whose fastest passing attempt fell in that bucket. */
  anyPass: number[];
}

/**
 * A change to counts: the four counts and the histogram buckets that changed, as flat pairs
 * `[column, n, column, n, …]` (column: the index in the histogram columns, first-pass buckets then
 * any-pass buckets). A probe touches one or two, so a short array beats a map.
 */
export interface DeltaCounts {
  runs: number;
  bad: number;
  degraded: number;
  invalid: number;
  histogram: number[];
}

/** A change to one series in one minute. */
export interface RollupDelta {
  series: RollupSeries;
  minuteMs: number;
  counts: DeltaCounts;
}

export function emptyDelta(): DeltaCounts {
  return { runs: 0, bad: 0, degraded: 0, invalid: 0, histogram: [] };
}

/** Adds `sign` × what one dimension outcome of a probe counts for. */
export function addOutcome(counts: DeltaCounts, outcome: DimensionOutcome, sign: 1 | -1): void {
  if (!outcome.valid) {
    counts.invalid += sign;
    return;
  }
  counts.runs += sign;
  if (outcome.minPassMs === null) counts.bad += sign;
  else if (outcome.firstPassMs === null) counts.degraded += sign;
  if (outcome.firstPassMs !== null) addBucket(counts.histogram, latencyBucket(outcome.firstPassMs), sign);
  if (outcome.minPassMs !== null) addBucket(counts.histogram, LATENCY_BUCKETS + latencyBucket(outcome.minPassMs), sign);
}

/** Adds `other` into `counts`. */
export function addDelta(counts: DeltaCounts, other: DeltaCounts): void {
  counts.runs += other.runs;
  counts.bad += other.bad;
  counts.degraded += other.degraded;
  counts.invalid += other.invalid;
  for (let i = 0; i < other.histogram.length; i += 2) addBucket(counts.histogram, other.histogram[i]!, other.histogram[i + 1]!);
}

function addBucket(histogram: number[], column: number, n: number): void {
  for (let i = 0; i < histogram.length; i += 2) {
    if (histogram[i] === column) {
      histogram[i + 1]! += n;
      return;
    }
  }
  histogram.push(column, n);
}

/** The non-zero histogram changes as `[column, n]`, by column. */
export function histogramChanges(counts: DeltaCounts): [number, number][] {
  const changes: [number, number][] = [];
  for (let i = 0; i < counts.histogram.length; i += 2) if (counts.histogram[i + 1] !== 0) changes.push([counts.histogram[i]!, counts.histogram[i + 1]!]);
  return changes.length > 1 ? changes.sort((a, b) => a[0] - b[0]) : changes;
}

function isZero(counts: DeltaCounts): boolean {
  if (counts.runs !== 0 || counts.bad !== 0 || counts.degraded !== 0 || counts.invalid !== 0) return false;
  for (let i = 1; i < counts.histogram.length; i += 2) if (counts.histogram[i] !== 0) return false;
  return true;
}

/** The start of the bucket of width `widthMs` that holds `ms` (UTC days for a day). */
export function bucketStart(ms: number, widthMs: number): number {
  return Math.floor(ms / widthMs) * widthMs;
}

/**
 * What a batch of saved attempts changes in the rollups, per series and minute. A probe is counted
 * once, in the minute its first attempt started: a confirmation retry takes back what its probe
 * counted so far and counts the probe again with the new attempt, so a run that passed on retry
 * moves from bad to degraded, and one that failed again stays bad.
 */
export class RollupDeltaBatch {
  // series id → minute → delta
  private readonly deltas = new Map<number, Map<number, RollupDelta>>();
  private count = 0;

  constructor(private readonly registry: SeriesRegistry) {}

  /** Adds one saved attempt; `before` holds the earlier attempts of its probe, oldest first (empty for a first attempt). */
  addAttempt(result: JourneyResult, before: readonly JourneyResult[]): void {
    const first = before[0] ?? result;
    const minuteMs = bucketStart(Date.parse(first.startedAt), RESOLUTION_MS.minute);
    const next = probeOutcome(before.length === 0 ? [result] : [...before, result]);
    const previous = before.length > 0 ? probeOutcome(before) : undefined;
    const seriesOf = this.registry.placeOf(result.journey, result.target.name, result.location);
    this.change(seriesOf(''), minuteMs, next.run, previous?.run);
    for (const [step, outcome] of next.steps) this.change(seriesOf(step), minuteMs, outcome, previous?.steps.get(step));
  }

  /** The non-zero changes, ordered by minute and series id (a stable lock order for concurrent writers). */
  entries(): RollupDelta[] {
    const entries: RollupDelta[] = new Array(this.count);
    let n = 0;
    for (const minutes of this.deltas.values()) for (const delta of minutes.values()) if (!isZero(delta.counts)) entries[n++] = delta;
    entries.length = n;
    return entries.sort((a, b) => a.minuteMs - b.minuteMs || a.series.id - b.series.id);
  }

  private change(series: RollupSeries, minuteMs: number, next: DimensionOutcome, previous: DimensionOutcome | undefined): void {
    let minutes = this.deltas.get(series.id);
    if (minutes === undefined) this.deltas.set(series.id, (minutes = new Map()));
    let delta = minutes.get(minuteMs);
    if (delta === undefined) {
      minutes.set(minuteMs, (delta = { series, minuteMs, counts: emptyDelta() }));
      this.count++;
    }
    addOutcome(delta.counts, next, 1);
    if (previous !== undefined) addOutcome(delta.counts, previous, -1);
  }
}

/**
 * Results with earlier attempt numbers first, then earlier starts: a retry is rolled up after the
 * attempt it follows, even when both are in one batch. Batches of first attempts keep their order.
 */
export function inAttemptOrder(results: readonly JourneyResult[]): readonly JourneyResult[] {
  if (results.every((r) => r.attempt <= 1)) return results;
  return [...results].sort((a, b) => a.attempt - b.attempt || Date.parse(a.startedAt) - Date.parse(b.startedAt));
}
