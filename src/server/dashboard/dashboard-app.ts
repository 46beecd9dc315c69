import { Hono } from 'hono';
import type { Redactor } from '../../config/index.js';
import type { ResolvedSlo } from '../../scoring/index.js';
import type { ResultStore } from '../../store/index.js';
import { addApiRoutes } from './api/api-routes.js';
import { DashboardData } from './dashboard-data.js';
import { addArtifactRoutes } from './http/artifact-routes.js';
import type { AccessPolicy } from './http/bind-policy.js';
import { securityHeaders } from './http/security-headers.js';
import { addStaticAssets } from './http/static-assets.js';
import { addLoginRoutes, tokenAuth } from './http/token-auth.js';
import { addPageRoutes, notFoundPage } from './pages/page-routes.js';
import type { AlertSource } from './sources/alert-source.js';
import { rollupSloSource } from './sources/rollup-slo-source.js';
import type { SloSource } from './sources/slo-source.js';
import type { KnownJourney } from './views/journey-index.js';

export interface DashboardOptions {
  store: ResultStore;
  /** The results folder: screenshots and traces are served from inside it only. */
  resultsDir: string;
  /** Who may read it (see `accessPolicy`). */
  access: AccessPolicy;
  /** The SLOs on the board (configured, or one default per journey). */
  slos: readonly ResolvedSlo[];
  /** Also put a default SLO on the board for every stored journey the SLOs do not cover (use it when none are configured). */
  defaultSlosForStoredJourneys?: boolean;
  /** Journeys to list even before they have runs. */
  journeys?: readonly KnownJourney[];
  /** How SLOs are evaluated; from the store's rollups by default (`evaluateSlos`, as `outpost slo status`). */
  sloSource?: SloSource;
  /** Count only runs against this target on the board (the config's `defaultTarget`); every target when absent. */
  target?: string;
  /** Alert state, history and deliveries; without it the alerts page says alerting is not set up. */
  alerts?: AlertSource;
  /**
   * The configured alert channels by name. Empty: the alerts page says nothing is notified, and the
   * board and alerts page add the tiers firing now to the stored history. Absent: not stated (stored
   * alert states are taken as the alerting cycle's).
   */
  alertChannels?: readonly string[];
  /** A tracing UI URL with `{traceId}`, e.g. `https://jaeger.example.com/trace/{traceId}`. */
  traceUrlTemplate?: string;
  /** Secret values to keep off the pages and out of the API. */
  redactor?: Pick<Redactor, 'redactDeep'>;
  now?: () => number;
  /** How often open pages poll for changes, and how long one SLO evaluation serves the board; 15 s by default. */
  refreshMs?: number;
  /** Start evaluating the SLOs for the board right away, so the first visitor does not wait for all of it. */
  warmUp?: boolean;
}

/**
 * The dashboard: SLO board, journeys, runs, alerts and deploy-gate sessions as server-rendered
 * pages and a read-only JSON API under `/api/v1`. Mount it at the root of an app (paths are
 * absolute: `/runs/<id>` is what alert links point at).
 */
export function createDashboardApp(options: DashboardOptions): Hono {
  const refreshMs = options.refreshMs ?? 15_000;
  const data = new DashboardData({
    store: options.store,
    slos: options.slos,
    defaultSlosForStoredJourneys: options.defaultSlosForStoredJourneys ?? false,
    sloSource: options.sloSource ?? rollupSloSource(options.store, options.target === undefined ? {} : { target: options.target }),
    alerts: options.alerts,
    alertChannels: options.alertChannels,
    journeys: options.journeys ?? [],
    traceUrlTemplate: options.traceUrlTemplate,
    redact: (value) => (options.redactor === undefined ? value : options.redactor.redactDeep(value)),
    now: options.now ?? Date.now,
    boardMaxAgeMs: refreshMs,
  });
  if (options.warmUp === true) data.warmUp();
  const notFound = (c: Parameters<typeof notFoundPage>[0]) => notFoundPage(c, data);
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('*', tokenAuth(options.access));
  // Read-only: anything but GET and HEAD (and the login form) is refused.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', async (c, next) => (c.req.path === '/login' || c.req.path === '/logout' ? next() : c.text('read-only', 405)));
  addLoginRoutes(app, options.access);
  addStaticAssets(app, notFound);
  addApiRoutes(app, data);
  addArtifactRoutes(app, data, options.resultsDir, notFound);
  addPageRoutes(app, data, { loggedIn: options.access.kind === 'token', refreshMs });
  app.notFound(notFound);
  return app;
}
