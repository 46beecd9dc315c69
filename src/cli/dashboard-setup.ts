/**
 * The dashboard as `outpost ui` and `outpost serve` set it up: who may read it, which SLOs and
 * journeys it shows, and which secret values it keeps off the page.
 */
import { Redactor, resolveSecrets, type ResolvedConfig } from '../config/index.js';
import type { Journey } from '../journey/index.js';
import { effectiveSlos } from '../scoring/index.js';
import { accessPolicy, createDashboardApp, storeAlertSource, type AccessPolicy } from '../server/index.js';
import type { ResultStore } from '../store/index.js';
import { CliError } from './exit-codes.js';

export interface DashboardAccessOptions {
  host: string;
  /** `--token`; `OUTPOST_UI_TOKEN` when absent. */
  token?: string;
  insecureNoAuth: boolean;
}

/** The access policy for the bind address; a usage error (exit 2) when it would expose the dashboard unauthenticated. */
export function dashboardAccess(options: DashboardAccessOptions, env: NodeJS.ProcessEnv): AccessPolicy {
  const decision = accessPolicy({ host: options.host, token: options.token ?? env.OUTPOST_UI_TOKEN, insecureNoAuth: options.insecureNoAuth });
  if (!decision.ok) throw new CliError(decision.message);
  return decision.policy;
}

export interface DashboardSetup {
  config: ResolvedConfig;
  store: ResultStore;
  journeys: readonly Journey[];
  resultsDir: string;
  access: AccessPolicy;
  env: NodeJS.ProcessEnv;
  /**
   * Start the board's first SLO evaluation at once (`outpost ui`: about a second of CPU at 1,000 CUJs,
   * BENCHMARKS.md "Dashboard"). Not for serve: right after start it would keep an evaluation of a
   * store about to receive its first runs for a whole refresh interval.
   */
  warmUp?: boolean;
}

/** The dashboard app over the store: the config's SLOs (or one default per journey) and every secret value the environment holds redacted. */
export function dashboardApp(setup: DashboardSetup) {
  const journeyNames = [...new Set([...setup.journeys.map((j) => j.name), ...setup.config.slos.map((slo) => slo.journey)])];
  return createDashboardApp({
    store: setup.store,
    resultsDir: setup.resultsDir,
    access: setup.access,
    slos: effectiveSlos(setup.config.slos, journeyNames),
    // Without configured SLOs, journeys known only from the store (no journey files here) get the default too.
    defaultSlosForStoredJourneys: setup.config.slos.length === 0,
    // The board counts what `outpost slo status` counts: runs against the default target when one is set.
    ...(setup.config.defaultTarget === undefined ? {} : { target: setup.config.defaultTarget }),
    journeys: setup.journeys.map((j) => ({ name: j.name, cuj: j.cuj.id, ...(j.cuj.description === undefined ? {} : { description: j.cuj.description }) })),
    // The alerting config's trace URL serves too, so one setting links alerts and run pages alike.
    // Serve's alerting cycle keeps alert state, history and deliveries in the store; the alerts page shows
    // whatever the store holds (also on a store another Outpost wrote). Without channels, the board and
    // the alerts page add which tiers fire now, and the alerts page says nothing is notified.
    alerts: storeAlertSource(setup.store.alerts),
    alertChannels: setup.config.alerting.channels.map((channel) => channel.name),
    traceUrlTemplate: setup.config.dashboard.traceUrl ?? setup.config.alerting.traceUrlTemplate ?? undefined,
    refreshMs: setup.config.dashboard.refreshMs,
    warmUp: setup.warmUp === true,
    // Missing secrets are no error here: the dashboard only needs to hide the ones that exist.
    redactor: new Redactor(resolveSecrets({ secrets: setup.config.secrets.map((s) => ({ ...s, required: false })) }, setup.env)),
  });
}
