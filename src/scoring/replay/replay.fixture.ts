import { at } from '../probe-traffic.fixture.js';
import type { ResultLine } from './result-line.js';
import { RunTable } from './run-table.js';

/** How one location's run in one minute went. */
export type RunOutcome = Partial<Pick<ResultLine, 'status' | 'attempts' | 'durationMs'>> | 'skip';

/**
 * One run a minute per location for minutes [fromMinute, toMinute) relative to the test
 * clock, 20 s into each minute, passing in 1 s unless `outcome` says otherwise.
 */
export function probeRuns(options: {
  journey?: string;
  locations: readonly string[];
  fromMinute: number;
  toMinute: number;
  outcome?: (minute: number, location: string) => RunOutcome;
}): ResultLine[] {
  const runs: ResultLine[] = [];
  for (let minute = options.fromMinute; minute < options.toMinute; minute++) {
    for (const location of options.locations) {
      const outcome = options.outcome?.(minute, location) ?? {};
      if (outcome === 'skip') continue;
      const { status = 'passed', attempts = 1, durationMs = 1000 } = outcome;
      runs.push({ journey: options.journey ?? 'checkout', location, startedAtMs: at(minute) + 20_000, durationMs, status, attempts });
    }
  }
  return runs;
}

/** A table holding `runs`, added in the given order. */
export function tableOf(runs: Iterable<ResultLine>): RunTable {
  const table = new RunTable();
  for (const run of runs) table.add(run);
  return table;
}
