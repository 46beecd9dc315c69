/**
 * The wiring `outpost verify` and `outpost canary` share with `outpost run`: the warm browser,
 * the result store, the interrupt signal and the runner options from the plan.
 */
import type { SessionOptions } from '../../canary/index.js';
import type { JourneyResult } from '../../journey/index.js';
import { BrowserPool, buildLaunchOptions, discoverBrowser } from '../../runner/index.js';
import type { RunObserver } from '../../runner/run-observer.js';
import { openStore, type ResultStore } from '../../store/index.js';
import { interruptSignal } from '../interrupt.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import type { RunPlan } from '../run-plan.js';

export interface GateSetupOptions {
  /** Results folder for artifacts; the config's `outputDir` when absent. */
  outputDir?: string;
  /** Store location; the config's `store` when absent. */
  store?: string;
  /** Telemetry for every run (spans, metrics). */
  observer?: RunObserver;
  /** Runs at the same time; the config's `defaults.concurrency` when absent. */
  concurrency?: number;
}

export interface GateSetup {
  /** The runner options, journeys and concurrency of the session. */
  session: SessionOptions;
  /**
   * An `onResult` for the session: stores each result (a store failure is a warning on stderr,
   * never a lost report), then hands it to `progress`.
   */
  recorder<Rest extends unknown[]>(progress: (result: JourneyResult, ...rest: Rest) => void): (result: JourneyResult, ...rest: Rest) => Promise<void>;
  /** Runs the session, then closes the browser, the store and the interrupt handler whatever happened. */
  runThenClose<Result>(session: () => Promise<Result>): Promise<Result>;
}

/** Opens the store and prepares the browser (launched on first use) for a gate session. */
export async function openGate(plan: RunPlan, options: GateSetupOptions, streams: ReporterStreams): Promise<GateSetup> {
  const store = await openStore(options.store ?? (plan.config.store.kind === 'sqlite' ? plan.config.store.path : plan.config.store.url));
  const launch = plan.needsBrowser ? buildLaunchOptions({ browser: discoverBrowser({ configuredPath: plan.config.browser.executablePath }), extra: plan.launchOptions }) : {};
  const pool = new BrowserPool(launch);
  const interrupt = interruptSignal();
  const { defaults } = plan.config;
  return {
    session: {
      journeys: plan.journeys,
      concurrency: options.concurrency ?? defaults.concurrency,
      run: {
        location: plan.location,
        pool,
        contextOptions: plan.contextOptions,
        timeouts: { journeyMs: defaults.timeoutMs, stepMs: defaults.stepTimeoutMs },
        artifacts: { dir: options.outputDir ?? plan.config.outputDir, trace: defaults.trace, screenshot: defaults.screenshot },
        secrets: plan.secrets,
        redactor: plan.redactor,
        signal: interrupt.signal,
        ...(options.observer === undefined ? {} : { observer: options.observer }),
      },
    },
    recorder: (progress) => async (result, ...rest) => {
      await saveOrWarn(store, result, streams);
      progress(result, ...rest);
    },
    runThenClose: async (session) => {
      try {
        return await session();
      } finally {
        interrupt.dispose();
        await pool.close();
        await store.close();
      }
    },
  };
}

async function saveOrWarn(store: ResultStore, result: JourneyResult, streams: ReporterStreams): Promise<void> {
  try {
    await store.saveRun(result);
  } catch (error) {
    streams.err.write(`warning: could not store run ${result.id} of ${result.journey}: ${(error as Error).message}\n`);
  }
}
