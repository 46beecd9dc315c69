import { createCanaryApi } from '../../canary/index.js';
import type { JourneyResult } from '../../journey/index.js';
import { BrowserPool } from '../../runner/index.js';
import { createLineLogger, planSchedules, PostgresSlotClaims, recordResult, Scheduler, SchedulePlanError, SCHEDULER_METER, type Logger, type SchedulePlan } from '../../scheduler/index.js';
import { browserCheck, canaryAnalyser, createServeApp, createServeMetricsReader, ListenError, Readiness, startHttpServer, storeCheck, type AccessPolicy, type HttpServer } from '../../server/index.js';
import { openStore, type ResultStore } from '../../store/index.js';
import { createAlertChannels } from '../alerting-setup.js';
import { dashboardAccess, dashboardApp } from '../dashboard-setup.js';
import { CliError, ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { planRun, type PlanInputs, type RunPlan } from '../run-plan.js';
import { startRunTelemetry } from '../run-telemetry.js';
import { startServeLeader, type ServeLeader } from './serve-leader-tasks.js';
import { browserLaunchOptions, sessionRunOptions, storeLocation } from '../session-setup.js';

export interface ServeCommandOptions extends PlanInputs {
  /** Slot runs at the same time; the config's `defaults.concurrency` when absent. */
  concurrency?: number;
  host: string;
  port: number;
  /** How long runs in flight may finish after SIGTERM before they are aborted. */
  graceMs: number;
  /** Wait before the first confirmation retry (doubling after). */
  retryBackoffMs: number;
  /** Largest start delay jitter adds (it is also at most 10% of the interval). */
  maxJitterMs: number;
  /** Relaunch the browser after this many runs. */
  recycleAfterRuns?: number;
  /** Relaunch the browser when its processes hold more than this many MiB. */
  recycleRssMib?: number;
  store?: string;
  outputDir?: string;
  /** Overrides the config's `retention.runs`: an age in ms, or false to keep runs forever. */
  retention?: number | false;
  /** Serve the dashboard too (default true). */
  dashboard?: boolean;
  /** The dashboard's token; `OUTPOST_UI_TOKEN` when absent. */
  token?: string;
  insecureNoAuth?: boolean;
}

/** Tells the scheduled journeys from the rest; unusable schedules and broken files are usage errors. */
function scheduleOrExplain(plan: RunPlan, maxJitterMs: number): SchedulePlan {
  if (plan.brokenFiles.length > 0) {
    throw new CliError(`journey files that do not load:\n${plan.brokenFiles.map((b) => `  - ${b.file}: ${b.message}`).join('\n')}`);
  }
  let schedules: SchedulePlan;
  try {
    schedules = planSchedules(plan.journeys, plan.location, { ratio: 0.1, maxMs: maxJitterMs });
  } catch (error) {
    if (error instanceof SchedulePlanError) throw new CliError(error.message);
    throw error;
  }
  if (schedules.scheduled.length === 0) {
    throw new CliError(`none of the ${plan.journeys.length} journeys has a schedule; give them one (schedule: { every: '1m' } or { cron: '*/5 * * * *' })`);
  }
  return schedules;
}

/**
 * `outpost serve`: probes the scheduled journeys until SIGTERM/SIGINT, serving `/healthz`,
 * `/readyz`, `/metrics`, `/canary` and the dashboard (which needs a token on a non-loopback host). Exit 0 after a clean shutdown, 2 for usage or config
 * errors, 130 when a second signal forces the exit.
 */
export async function serveCommand(options: ServeCommandOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  const logger = createLineLogger((line) => streams.err.write(line));
  const shutdown = shutdownSignal(logger);
  try {
    const plan = await planRun(options);
    const access = dashboardAccessOrNone(options, logger);
    const schedules = scheduleOrExplain(plan, options.maxJitterMs);
    // Missing channel secrets are a usage error before anything starts (the leader builds the channels later).
    createAlertChannels(plan.config.alerting, options.env);
    const daemon = await startDaemon(plan, schedules, { ...options, access }, streams, logger);
    await shutdown.requested;
    await daemon.stop(options.graceMs);
    logger.info('serve.stopped');
    exitEvenIfJourneyCodeLingers(logger);
    return ExitCode.ok;
  } finally {
    shutdown.dispose();
  }
}

/**
 * The dashboard's access policy, or none: probing must not depend on the dashboard, so where `outpost ui`
 * refuses a public bind without a token (exit 2), serve logs why and runs without the dashboard.
 */
function dashboardAccessOrNone(options: ServeCommandOptions, logger: Logger) {
  if (options.dashboard === false) return undefined;
  try {
    return dashboardAccess({ host: options.host, token: options.token, insecureNoAuth: options.insecureNoAuth === true }, options.env ?? process.env);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    logger.warn('dashboard.disabled', { reason: error.message });
    return undefined;
  }
}

interface Daemon {
  stop(graceMs: number): Promise<void>;
}

/** Opens everything, in an order that closes cleanly when a later step fails. */
async function startDaemon(plan: RunPlan, schedules: SchedulePlan, options: ServeCommandOptions & { access: AccessPolicy | undefined }, streams: ReporterStreams, logger: Logger): Promise<Daemon> {
  const prometheus = createServeMetricsReader();
  const telemetry = startRunTelemetry(plan.config, plan.location, streams, options.env, [prometheus.reader]);
  const location = options.store ?? storeLocation(plan);
  const store = await openStore(location).catch(async (error: unknown) => {
    await telemetry.shutdown();
    throw error;
  });
  const claims = await slotClaims(location).catch(async (error: unknown) => {
    await store.close();
    await telemetry.shutdown();
    throw error;
  });
  const pool = browserPool(plan, options, logger);
  const run = sessionRunOptions(plan, pool, telemetry, options.outputDir);
  const concurrency = options.concurrency ?? plan.config.defaults.concurrency;
  const meter = telemetry.meterProvider.getMeter(SCHEDULER_METER);
  const scheduler = new Scheduler({
    journeys: schedules.scheduled,
    location: plan.location,
    target: plan.target,
    run,
    concurrency,
    retry: { retries: plan.config.defaults.retries, backoffMs: options.retryBackoffMs },
    store,
    claims,
    meter,
    browserRestarts: () => {
      const stats = pool.getStats();
      return { crash: stats.restarts - stats.recycles, recycle: stats.recycles };
    },
    browserOpen: () => pool.getStats(),
    logger,
    leaseGraceMs: options.graceMs,
  });
  const canary = createCanaryApi({ analyse: canaryAnalyser({ config: plan.config, journeys: plan.journeys, run, concurrency, onResult: (result) => saveCanaryRun(store, result, logger) }) });
  const readiness = new Readiness([...(plan.needsBrowser ? [browserCheck(pool)] : []), storeCheck(store, scheduler)]);
  let leader: ServeLeader | undefined;
  const dashboard = options.access === undefined
    ? undefined
    : dashboardApp({ config: plan.config, store, journeys: plan.journeys, resultsDir: options.outputDir ?? plan.config.outputDir, access: options.access, env: options.env ?? process.env });
  const app = createServeApp({ readiness, metrics: prometheus, status: () => ({ ...scheduler.load, leader: leader?.tasks.leading ?? false, browser: pool.getStats() }), canary: canary.app, dashboard });
  const closeAll = async (server?: HttpServer) => {
    await canary.close();
    await server?.close();
    await pool.close();
    await claims?.close();
    await store.close();
    await telemetry.shutdown();
  };
  const server = await startHttpServer(app, options.host, options.port).catch(async (error: unknown) => {
    await closeAll();
    throw error instanceof ListenError ? new CliError(error.message) : error;
  });
  logStart(logger, plan, schedules, server, { replica: scheduler.owner, concurrency, coordination: claims === undefined ? 'in-process' : 'postgres' });
  scheduler.start();
  const retention = options.retention === undefined ? plan.config.retention : { ...plan.config.retention, runsMs: options.retention === false ? undefined : options.retention };
  leader = startServeLeader(location, { plan, store, claims, logger, meter, retention, owner: scheduler.owner });
  const running = leader;
  return {
    stop: async (graceMs) => {
      readiness.markShuttingDown();
      // Leader work stops at its next safe point and hands the lease over while runs finish.
      await Promise.all([scheduler.stop(graceMs), running.stop()]);
      await closeAll(server);
    },
  };
}

function browserPool(plan: RunPlan, options: ServeCommandOptions, logger: Logger): BrowserPool {
  return new BrowserPool(browserLaunchOptions(plan), {
    recycle: {
      maxRuns: options.recycleAfterRuns,
      maxRssBytes: options.recycleRssMib === undefined ? undefined : options.recycleRssMib * 1024 * 1024,
      drainTimeoutMs: Math.max(plan.config.defaults.timeoutMs, ...plan.journeys.map((j) => j.timeoutMs ?? 0)) + 30_000,
      onRecycle: (event) => logger.info('browser.recycle', { reason: event.reason, runs: event.runs, rss_mib: event.rssBytes === undefined ? undefined : Math.round(event.rssBytes / 1024 / 1024) }),
    },
  });
}

/**
 * Replicas sharing a PostgreSQL store share its `slots` table, so each slot runs once across them;
 * with SQLite (one process) the scheduler keeps its claims in memory (undefined here).
 */
async function slotClaims(storeLocation: string): Promise<PostgresSlotClaims | undefined> {
  return /^postgres(ql)?:\/\//i.test(storeLocation) ? PostgresSlotClaims.open(storeLocation) : undefined;
}

async function saveCanaryRun(store: ResultStore, result: JourneyResult, logger: Logger): Promise<void> {
  const outcome = await recordResult(store, result);
  if (!outcome.stored) logger.error('run.not_stored', { journey: result.journey, id: result.id, error: outcome.error.message });
}

function logStart(logger: Logger, plan: RunPlan, schedules: SchedulePlan, server: HttpServer, facts: { replica: string; concurrency: number; coordination: string }): void {
  logger.info('serve.listening', { url: server.url, location: plan.location, target: plan.target.name, journeys: schedules.scheduled.length, ...facts });
  if (schedules.unscheduled.length > 0) {
    logger.warn('serve.unscheduled', { journeys: schedules.unscheduled.map((j) => j.name).join(','), note: 'no schedule: not probed by serve (outpost run runs them)' });
  }
}

/**
 * Everything serve owns is closed now, but the code of an aborted or timed-out journey may still
 * hold the event loop (a pending timer, a hung promise with a socket): the process must exit all
 * the same. The timer does not itself keep the process alive.
 */
function exitEvenIfJourneyCodeLingers(logger: Logger): void {
  setTimeout(() => {
    logger.warn('serve.exit_forced', { note: 'journey code of an aborted run was still pending' });
    process.exit(ExitCode.ok);
  }, 2_000).unref();
}

/**
 * The first SIGTERM/SIGINT asks for a graceful shutdown; a second one exits at once with 130
 * (runs in flight are then lost, which is what the second signal asks for).
 */
function shutdownSignal(logger: Logger): { requested: Promise<void>; dispose(): void } {
  let requested = false;
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (requested) {
      logger.error('shutdown.forced', { signal, note: 'second signal: runs in flight are not stored' });
      process.exit(ExitCode.interrupted);
    }
    requested = true;
    logger.info('shutdown.requested', { signal, note: 'send it again to quit now' });
    resolve();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    requested: promise,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
