/**
 * The wiring `outpost run`, `outpost verify` and `outpost canary` share: telemetry, the warm
 * browser, the result store, the interrupt signal and the runner options from the plan.
 */
import type { LaunchOptions } from 'playwright';
import type { SessionOptions, SessionRunOptions } from '../canary/index.js';
import type { JourneyResult } from '../journey/index.js';
import { BrowserPool, buildLaunchOptions, discoverBrowser } from '../runner/index.js';
import { openStore, type GateSession, type ResultStore } from '../store/index.js';
import type { Telemetry } from '../telemetry/index.js';
import { interruptSignal, type Interrupt } from './interrupt.js';
import type { ReporterStreams } from './reporters/reporter.js';
import type { RunPlan } from './run-plan.js';
import { startRunTelemetry } from './run-telemetry.js';

export interface SessionSetupOptions {
  /** Results folder for artifacts; the config's `outputDir` when absent. */
  outputDir?: string;
  /** Store location; the config's `store` when absent. */
  store?: string;
  /** Runs at the same time; the config's `defaults.concurrency` when absent. */
  concurrency?: number;
}

export interface SessionSetup {
  /** The runner options, journeys and concurrency of the session. */
  session: SessionOptions;
  interrupt: Interrupt;
  /**
   * An `onResult` for the session: stores each result (a store failure is a warning on stderr,
   * never a lost report), then hands it to `progress`.
   */
  recorder<Rest extends unknown[]>(progress: (result: JourneyResult, ...rest: Rest) => void): (result: JourneyResult, ...rest: Rest) => Promise<void>;
  /** Stores the finished session's verdict (for the dashboard); a store failure is a warning on stderr. Call it inside `runThenClose`. */
  recordSession(session: GateSession): Promise<void>;
  /**
   * Runs the session, then closes the browser, the store and the interrupt handler, and flushes
   * telemetry (a one-shot probe exits right after), whatever happened.
   */
  runThenClose<Result>(session: () => Promise<Result>): Promise<Result>;
}

/** Starts telemetry, opens the store and prepares the browser (launched on first use). */
export async function openSession(plan: RunPlan, options: SessionSetupOptions, streams: ReporterStreams, env?: NodeJS.ProcessEnv): Promise<SessionSetup> {
  const telemetry = startRunTelemetry(plan.config, plan.location, streams, env);
  const store = await openStore(options.store ?? storeLocation(plan)).catch(async (error: unknown) => {
    await telemetry.shutdown();
    throw error;
  });
  const pool = new BrowserPool(browserLaunchOptions(plan));
  const interrupt = interruptSignal();
  return {
    session: {
      journeys: plan.journeys,
      concurrency: options.concurrency ?? plan.config.defaults.concurrency,
      run: { ...sessionRunOptions(plan, pool, telemetry, options.outputDir), signal: interrupt.signal },
    },
    interrupt,
    recorder: (progress) => async (result, ...rest) => {
      await saveOrWarn(store, result, streams);
      progress(result, ...rest);
    },
    recordSession: (session) => warnOnFailure(() => store.saveGateSession(session), `session ${session.id}`, streams),
    runThenClose: async (session) => {
      try {
        return await session();
      } finally {
        interrupt.dispose();
        await pool.close();
        await store.close();
        await telemetry.shutdown();
      }
    },
  };
}

/** The runner options every run of the plan shares, but the interrupt signal. */
export function sessionRunOptions(plan: RunPlan, pool: BrowserPool, telemetry: Telemetry, outputDir: string | undefined): Omit<SessionRunOptions, 'signal'> {
  const { defaults, telemetry: telemetryConfig } = plan.config;
  return {
    location: plan.location,
    pool,
    contextOptions: plan.contextOptions,
    timeouts: { journeyMs: defaults.timeoutMs, stepMs: defaults.stepTimeoutMs },
    artifacts: { dir: outputDir ?? plan.config.outputDir, trace: defaults.trace, screenshot: defaults.screenshot },
    secrets: plan.secrets,
    redactor: plan.redactor,
    observer: telemetry.observer,
    propagation: { enabled: telemetry.tracing && telemetryConfig.propagation.enabled, extraOrigins: telemetryConfig.propagation.origins },
  };
}

/** Launch options for the plan's warm browser; none (and no browser lookup) when no journey needs one. */
export function browserLaunchOptions(plan: RunPlan): LaunchOptions {
  return plan.needsBrowser ? buildLaunchOptions({ browser: discoverBrowser({ configuredPath: plan.config.browser.executablePath }), extra: plan.launchOptions }) : {};
}

/** The config's store location as `openStore` reads it. */
export function storeLocation(plan: Pick<RunPlan, 'config'>): string {
  return plan.config.store.kind === 'sqlite' ? plan.config.store.path : plan.config.store.url;
}

async function saveOrWarn(store: ResultStore, result: JourneyResult, streams: ReporterStreams): Promise<void> {
  await warnOnFailure(() => store.saveRun(result), `run ${result.id} of ${result.journey}`, streams);
}

async function warnOnFailure(save: () => Promise<void>, what: string, streams: ReporterStreams): Promise<void> {
  try {
    await save();
  } catch (error) {
    streams.err.write(`warning: could not store ${what}: ${(error as Error).message}\n`);
  }
}
