import type { MinuteRollup } from '../minute-rollup.js';
import { bucketGrid, bucketIndex, type SeriesRange } from '../prefix-sums.js';
import { classifyRun, type AttemptOutcome, type RunClass } from '../run-classification.js';
import type { SliSpec } from '../slo-definition.js';
import { MINUTE_MS } from '../time-units.js';
import type { RunRow, RunTable } from './run-table.js';

/** Run counts of one SLO's SLI over a replay. */
export interface RunCounts {
  runs: number;
  bad: number;
  degraded: number;
}

/** The per-location minute rollups an SLO's series is built from, and its run counts. */
export interface SloRollups {
  rollups: MinuteRollup[];
  counts: RunCounts;
}

/**
 * Judges each run of the SLO's journey against its SLI with {@link classifyRun} and counts
 * the runs per location and minute of `range`.
 */
export function rollUpSloRuns(table: RunTable, journey: string, sli: SliSpec, range: SeriesRange): SloRollups {
  const grid = bucketGrid(range, MINUTE_MS);
  const perLocation = new Map<number, LocationCounts>();
  const classify = runClassifier(sli);
  const counts: RunCounts = { runs: 0, bad: 0, degraded: 0 };
  table.forEachRunOf(journey, (row) => {
    const outcome = classify(row);
    const i = bucketIndex(grid, row.startedAtMs);
    if (outcome === 'invalid' || i < 0) return;
    let location = perLocation.get(row.location);
    if (location === undefined) perLocation.set(row.location, (location = new LocationCounts(grid.count)));
    location.count(i, outcome);
    counts.runs += 1;
    if (outcome === 'bad') counts.bad += 1;
    if (outcome === 'degraded') counts.degraded += 1;
  });
  const rollups: MinuteRollup[] = [];
  for (const [id, location] of perLocation) location.emit(grid.startMs, table.locations[id]!, rollups);
  return { rollups, counts };
}

class LocationCounts {
  private readonly total: Uint32Array;
  private readonly bad: Uint32Array;
  private readonly degraded: Uint32Array;

  constructor(minutes: number) {
    this.total = new Uint32Array(minutes);
    this.bad = new Uint32Array(minutes);
    this.degraded = new Uint32Array(minutes);
  }

  count(i: number, outcome: Exclude<RunClass, 'invalid'>): void {
    this.total[i]! += 1;
    if (outcome === 'bad') this.bad[i]! += 1;
    else if (outcome === 'degraded') this.degraded[i]! += 1;
  }

  emit(startMs: number, location: string, into: MinuteRollup[]): void {
    for (let i = 0; i < this.total.length; i++) {
      const total = this.total[i]!;
      if (total === 0) continue;
      const bad = this.bad[i]!;
      const degraded = this.degraded[i]!;
      into.push({ minute: startMs + i * MINUTE_MS, location, total, good: total - bad - degraded, bad, degraded });
    }
  }
}

/**
 * A classifier over table rows. A row is a whole run: `failed` means every attempt failed,
 * `retried` that it took more than one. The attempts handed to {@link classifyRun} are
 * reused, because a replay classifies a million runs.
 */
export function runClassifier(sli: SliSpec): (row: Readonly<RunRow>) => RunClass {
  const failed: AttemptOutcome = { status: 'failed', durationMs: 0, steps: [] };
  const passed = { status: 'passed' as const, durationMs: 0, steps: [] };
  const once = [passed];
  const onRetry = [failed, passed];
  const never = [failed];
  return (row) => {
    if (row.failed) return classifyRun(sli, never);
    passed.durationMs = row.durationMs;
    return classifyRun(sli, row.retried ? onRetry : once);
  };
}
