import type { SliSpec } from '../../src/scoring/index.js';
import { runClassifier, type ResultLine, type RunRow } from '../../src/scoring/replay/index.js';
import { MINUTE_MS } from '../../src/scoring/time-units.js';

export const NO_RUN = 0;
export const OK = 1;
export const BAD = 2;

/** Per location, per minute: the SLO's verdict on the run there (NO_RUN, OK or BAD). */
export interface ProbeGrid {
  startMs: number;
  minutes: number;
  locations: Uint8Array[];
}

/**
 * What the baselines see: each run judged against the SLO's SLI by the engine's own
 * classifier, so every policy is scored on the same verdicts. Degraded runs are OK.
 */
export function probeGrid(runs: readonly ResultLine[], journey: string, sli: SliSpec, range: { startMs: number; endMs: number }): ProbeGrid {
  const minutes = Math.ceil((range.endMs - range.startMs) / MINUTE_MS);
  const byLocation = new Map<string, Uint8Array>();
  const classify = runClassifier(sli);
  for (const run of runs) {
    if (run.journey !== journey) continue;
    let cells = byLocation.get(run.location);
    if (cells === undefined) byLocation.set(run.location, (cells = new Uint8Array(minutes)));
    const verdict = classify(asRunRow(run));
    if (verdict === 'invalid') continue;
    cells[Math.floor((run.startedAtMs - range.startMs) / MINUTE_MS)] = verdict === 'bad' ? BAD : OK;
  }
  return { startMs: range.startMs, minutes, locations: [...byLocation.values()] };
}

/** A result line as the classifier reads it. */
export function asRunRow(run: ResultLine): RunRow {
  return { startedAtMs: run.startedAtMs, location: 0, failed: run.status === 'failed', retried: run.attempts > 1, durationMs: run.durationMs };
}
