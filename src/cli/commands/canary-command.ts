import { DEFAULT_CANARY_RUNS, runCanary, type Verdict } from '../../canary/index.js';
import { resolveTarget } from '../../config/index.js';
import { toMilliseconds } from '../../journey/index.js';
import { CliError, ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { reportBrokenFiles } from '../gate/broken-files.js';
import { CANARY_FORMATS } from '../gate/canary-formats.js';
import { canaryProgress } from '../gate/canary-list.js';
import { canarySessionRecord } from '../gate/gate-session-record.js';
import { gateReporterName, publishReport } from '../gate/gate-reporter.js';
import { openSession } from '../session-setup.js';
import { painter } from '../reporters/format.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { planRun, type PlanInputs } from '../run-plan.js';

export interface CanaryCommandOptions extends Omit<PlanInputs, 'target'> {
  baseline: string;
  canary: string;
  /** Runs per side and journey; the canary default when absent. */
  runs?: number;
  /** A duration such as `10m`: keep running rounds until it has passed. */
  duration?: string;
  failOnMarginal: boolean;
  reporter: string;
  concurrency?: number;
  outputDir?: string;
  store?: string;
}

/**
 * `outpost canary`: baseline vs canary, interleaved, then the statistics and the verdict.
 * Exit 0 PASS, 1 FAIL (or a journey file that does not load), 3 MARGINAL (1 with
 * `failOnMarginal`), 4 INCONCLUSIVE, 2 usage or config error, 130 interrupted.
 */
export async function canaryCommand(options: CanaryCommandOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  const reporter = gateReporterName(options.reporter);
  const durationMs = parseDuration(options);
  const plan = await planRun({ ...options, target: options.baseline });
  const canary = resolveTarget(plan.config, options.canary);
  const gate = await openSession(plan, options, streams, options.env);
  const paint = painter(streams.out);
  const progress = reporter === 'list' ? canaryProgress(streams, paint, plan.journeys.length) : () => {};
  if (reporter === 'list') streams.out.write(`Canary: ${plan.target.name} (${plan.target.baseURL}) as baseline vs ${canary.name} (${canary.baseURL}), ${plan.journeys.length} journeys, ${durationMs === undefined ? `${options.runs ?? DEFAULT_CANARY_RUNS} runs per side` : `for ${options.duration}`}\n`);
  const session = await gate.runThenClose(async () => {
    const finished = await runCanary({
      ...gate.session,
      baseline: plan.target,
      canary,
      ...(durationMs === undefined ? { runs: options.runs } : { durationMs }),
      onResult: gate.recorder(progress),
    });
    await gate.recordSession(canarySessionRecord(finished, plan.location));
    return finished;
  });
  publishReport(session, CANARY_FORMATS, reporter, streams, options.env ?? process.env);
  reportBrokenFiles(plan.brokenFiles, streams);
  if (session.interrupted) return ExitCode.interrupted;
  if (plan.brokenFiles.length > 0) return ExitCode.failed;
  return verdictExitCode(session.analysis.verdict, options.failOnMarginal);
}

/** The documented exit code of a verdict. */
export function verdictExitCode(verdict: Verdict, failOnMarginal: boolean): ExitCodeValue {
  switch (verdict) {
    case 'PASS':
      return ExitCode.ok;
    case 'FAIL':
      return ExitCode.failed;
    case 'MARGINAL':
      return failOnMarginal ? ExitCode.failed : ExitCode.marginal;
    case 'INCONCLUSIVE':
      return ExitCode.inconclusive;
  }
}

function parseDuration(options: CanaryCommandOptions): number | undefined {
  if (options.duration === undefined) return undefined;
  if (options.runs !== undefined) throw new CliError('give --runs or --duration, not both');
  let durationMs: number;
  try {
    durationMs = toMilliseconds(options.duration);
  } catch {
    throw new CliError(`--duration ${JSON.stringify(options.duration)} is not a duration (e.g. 90s, 10m)`);
  }
  if (durationMs <= 0) throw new CliError('--duration must be longer than 0');
  return durationMs;
}
