import type { JourneyResult } from '../../journey/index.js';
import type { Reporter, ReporterStreams } from './reporter.js';
import type { RunSummary } from './run-summary.js';

/** Machine output: one JSON document on stdout at the end; nothing else goes to stdout. */
export class JsonReporter implements Reporter {
  constructor(private readonly streams: ReporterStreams) {}
  onBegin(): void {}
  onRunStart(): void {}
  onRunEnd(): void {}
  onEnd(summary: RunSummary, results: JourneyResult[]): void {
    this.streams.out.write(`${JSON.stringify({ summary, results }, null, 2)}\n`);
  }
}
