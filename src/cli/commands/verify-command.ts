import { runVerify } from '../../canary/index.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { openSession } from '../session-setup.js';
import { gateReporterName, publishReport } from '../gate/gate-reporter.js';
import { reportBrokenFiles } from '../gate/broken-files.js';
import { VERIFY_FORMATS } from '../gate/verify-formats.js';
import { verifyProgress } from '../gate/verify-list.js';
import { verifySessionRecord } from '../gate/gate-session-record.js';
import { painter } from '../reporters/format.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { planRun, type PlanInputs } from '../run-plan.js';

export interface VerifyCommandOptions extends PlanInputs {
  /** Runs per journey. */
  runs: number;
  /** Share of runs per CUJ that must pass, in [0, 1]. */
  minPassRate: number;
  reporter: string;
  concurrency?: number;
  outputDir?: string;
  store?: string;
}

/**
 * `outpost verify`: the post-deploy smoke gate. Runs the selected CUJs `runs` times against the
 * target, a failed run confirmed by the config's retries; exit 0 when every CUJ meets the pass
 * rate, 1 when one does not (or a journey file does not load), 130 when interrupted.
 */
export async function verifyCommand(options: VerifyCommandOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  const reporter = gateReporterName(options.reporter);
  const plan = await planRun(options);
  const gate = await openSession(plan, options, streams, options.env);
  const progress = reporter === 'list' ? verifyProgress(streams, painter(streams.out)) : () => {};
  if (reporter === 'list') streams.out.write(`Verifying ${plan.journeys.length} journeys × ${options.runs} runs against ${plan.target.name} (${plan.target.baseURL})\n\n`);
  const report = await gate.runThenClose(async () => {
    const verified = await runVerify({
      ...gate.session,
      target: plan.target,
      runs: options.runs,
      retries: plan.config.defaults.retries,
      minPassRate: options.minPassRate,
      onResult: gate.recorder(progress),
    });
    await gate.recordSession(verifySessionRecord(verified, plan.location));
    return verified;
  });
  publishReport(report, VERIFY_FORMATS, reporter, streams, options.env ?? process.env);
  reportBrokenFiles(plan.brokenFiles, streams);
  if (report.interrupted) return ExitCode.interrupted;
  return report.passed && plan.brokenFiles.length === 0 ? ExitCode.ok : ExitCode.failed;
}
