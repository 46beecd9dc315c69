import { Hono } from 'hono';
import { PROMETHEUS_CONTENT_TYPE, type PrometheusReader } from '../../exporters/prometheus/index.js';
import type { Readiness } from './readiness.js';

export interface ServeAppOptions {
  readiness: Pick<Readiness, 'report'>;
  metrics: Pick<PrometheusReader, 'render'>;
  /** Extra facts for `/healthz` (runs in flight, queue). */
  status?: () => Record<string, unknown>;
  /** Mounted under `/canary` (the canary API for Argo Rollouts and Flagger). */
  canary?: Hono;
  /** The dashboard, mounted at the root after the routes above (which it never shadows or guards). */
  dashboard?: Hono;
}

/**
 * serve's HTTP routes:
 * - `GET /healthz`: liveness; 200 while the process answers.
 * - `GET /readyz`: 200 when the browser can run and the store can be written, 503 otherwise or
 *   while shutting down; the body says which check failed and why.
 * - `GET /metrics`: Prometheus text format (journey metrics and serve's own).
 * - `/canary/*`: the canary API.
 * - everything else: the dashboard, when given (pages, `/api/v1`, run artifacts).
 */
export function createServeApp(options: ServeAppOptions): Hono {
  const app = new Hono();
  const startedAt = new Date().toISOString();
  app.get('/healthz', (c) => c.json({ status: 'ok', startedAt, ...options.status?.() }));
  app.get('/readyz', async (c) => {
    const report = await options.readiness.report();
    return c.json(report, report.ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    try {
      return c.body(await options.metrics.render(), 200, { 'content-type': PROMETHEUS_CONTENT_TYPE });
    } catch (error) {
      return c.text(`# failed to collect metrics: ${String(error)}\n`, 500);
    }
  });
  if (options.canary !== undefined) app.route('/canary', options.canary);
  // Registered last: Hono runs handlers in registration order, so the routes above answer before
  // the dashboard's middleware (its token check) would run; probes and scrapers need no token.
  if (options.dashboard !== undefined) app.route('/', options.dashboard);
  return app;
}
