import type { RunPlan } from '../run-plan.js';
import type { ReporterStreams } from '../reporters/reporter.js';

/** Journey files that did not load fail the gate: a CUJ that cannot be checked is not a pass. */
export function reportBrokenFiles(broken: RunPlan['brokenFiles'], streams: ReporterStreams): void {
  for (const file of broken) streams.err.write(`error: could not load ${file.file}: ${file.message}\n`);
}
