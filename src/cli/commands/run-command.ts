import { randomUUID } from 'node:crypto';
import type { JourneyResult } from '../../journey/index.js';
import { BrowserPool, buildLaunchOptions, discoverBrowser, runBatch, type BatchJob } from '../../runner/index.js';
import { openStore, type ResultStore } from '../../store/index.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { interruptSignal } from '../interrupt.js';
import { createReporter } from '../reporters/create-reporter.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { summarize } from '../reporters/run-summary.js';
import { planRun, type PlanInputs, type RunPlan } from '../run-plan.js';
import { startRunTelemetry } from '../run-telemetry.js';

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
  const telemetry = startRunTelemetry(plan.config, plan.location, streams, options.env);
  const store = await openStore(options.store ?? storeLocation(plan)).catch(async (error: unknown) => {
    await telemetry.shutdown();
    throw error;
  });
  const pool = new BrowserPool(plan.needsBrowser ? buildLaunchOptions({ browser: discoverBrowser({ configuredPath: plan.config.browser.executablePath }), extra: plan.launchOptions }) : {});
  const interrupt = interruptSignal();
  const jobs = batchJobs(plan, options.repeat);
  const results: JourneyResult[] = [];
  try {
    reporter.onBegin(jobs.length);
    await runBatch(
      jobs,
      {
        location: plan.location,
        pool,
        contextOptions: plan.contextOptions,
        timeouts: { journeyMs: plan.config.defaults.timeoutMs, stepMs: plan.config.defaults.stepTimeoutMs },
        artifacts: { dir: outputDir, trace: plan.config.defaults.trace, screenshot: plan.config.defaults.screenshot },
        secrets: plan.secrets,
        redactor: plan.redactor,
        sessionId: randomUUID(),
        signal: interrupt.signal,
        observer: telemetry.observer,
        propagation: { enabled: telemetry.tracing && plan.config.telemetry.propagation.enabled, extraOrigins: plan.config.telemetry.propagation.origins },
      },
      {
        concurrency: options.concurrency ?? plan.config.defaults.concurrency,
        onStart: (job) => reporter.onRunStart({ journey: job.journey.name, target: job.target.name, location: plan.location }),
        onResult: async (result) => {
          results.push(result);
          await saveOrWarn(store, result, streams);
          reporter.onRunEnd(result);
        },
      },
    );
  } finally {
    interrupt.dispose();
    await pool.close();
    await store.close();
    // A one-shot probe (a CronJob) exits right after this: everything must be exported first.
    await telemetry.shutdown();
  }
  const summary = summarize(results, plan.brokenFiles, interrupt.signal.aborted);
  reporter.onEnd(summary, results);
  if (interrupt.signal.aborted) return ExitCode.interrupted;
  return summary.notPassed > 0 || plan.brokenFiles.length > 0 ? ExitCode.failed : ExitCode.ok;
}

function batchJobs(plan: RunPlan, repeat: number): BatchJob[] {
  const target = { name: plan.target.name, baseURL: plan.target.baseURL, params: plan.target.params };
  return Array.from({ length: repeat }, () => plan.journeys.map((journey) => ({ journey, target }))).flat();
}

function storeLocation(plan: RunPlan): string {
  return plan.config.store.kind === 'sqlite' ? plan.config.store.path : plan.config.store.url;
}

/** A result that cannot be stored is still reported; say so loudly rather than lose it silently. */
async function saveOrWarn(store: ResultStore, result: JourneyResult, streams: ReporterStreams): Promise<void> {
  try {
    await store.saveRun(result);
  } catch (error) {
    streams.err.write(`warning: could not store run ${result.id} of ${result.journey}: ${(error as Error).message}\n`);
  }
}
