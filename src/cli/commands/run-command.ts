import { randomUUID } from 'node:crypto';
import type { JourneyResult } from '../../journey/index.js';
import { runBatch, type BatchJob } from '../../runner/index.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { createReporter } from '../reporters/create-reporter.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { summarize } from '../reporters/run-summary.js';
import { planRun, type PlanInputs, type RunPlan } from '../run-plan.js';
import { openSession } from '../session-setup.js';

export interface RunCommandOptions extends PlanInputs {
  concurrency?: number;
  repeat: number;
  reporter: string;
  /** Results folder for artifacts; the config's `outputDir` when absent. */
  outputDir?: string;
  /** Store location; the config's `store` when absent. */
  store?: string;
}

/** `outpost run`: runs the selected journeys once (or `--repeat` times), stores and reports the results. */
export async function runCommand(options: RunCommandOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  const plan = await planRun(options);
  const outputDir = options.outputDir ?? plan.config.outputDir;
  const reporter = createReporter(options.reporter, streams, outputDir);
  const setup = await openSession(plan, { ...options, outputDir }, streams, options.env);
  const jobs = batchJobs(plan, options.repeat);
  const results: JourneyResult[] = [];
  reporter.onBegin(jobs.length);
  await setup.runThenClose(() =>
    runBatch(jobs, { ...setup.session.run, sessionId: randomUUID() }, {
      concurrency: setup.session.concurrency,
      onStart: (job) => reporter.onRunStart({ journey: job.journey.name, target: job.target.name, location: plan.location }),
      onResult: setup.recorder((result) => {
        results.push(result);
        reporter.onRunEnd(result);
      }),
    }),
  );
  const interrupted = setup.interrupt.signal.aborted;
  const summary = summarize(results, plan.brokenFiles, interrupted);
  reporter.onEnd(summary, results);
  if (interrupted) return ExitCode.interrupted;
  return summary.notPassed > 0 || plan.brokenFiles.length > 0 ? ExitCode.failed : ExitCode.ok;
}

function batchJobs(plan: RunPlan, repeat: number): BatchJob[] {
  const target = { name: plan.target.name, baseURL: plan.target.baseURL, params: plan.target.params };
  return Array.from({ length: repeat }, () => plan.journeys.map((journey) => ({ journey, target }))).flat();
}
