import type { JourneyResult } from '../../journey/index.js';
import type { RunSummary } from './run-summary.js';

/** Where a reporter writes. Injected so tests and `--reporter json` can keep stdout clean. */
export interface ReporterStreams {
  out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  err: NodeJS.WritableStream;
}

export interface RunStartInfo {
  journey: string;
  target: string;
  location: string;
}

/** Receives the progress of an `outpost run` session. */
export interface Reporter {
  onBegin(totalRuns: number): void;
  onRunStart(info: RunStartInfo): void;
  onRunEnd(result: JourneyResult): void;
  onEnd(summary: RunSummary, results: JourneyResult[]): void;
}
