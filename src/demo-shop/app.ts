import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { setTimeout as sleep } from 'node:timers/promises';
import { shopApi } from './api.js';
import type { ShopEnv } from './app-env.js';
import { controlApi } from './control-api.js';
import type { FaultSet } from './fault-set.js';
import { PageFaults } from './page-faults.js';
import { errorPage } from './page-response.js';
import { accountPages } from './pages-account.js';
import { catalogPages } from './pages-catalog.js';
import { parseTraceparent, type RequestLog } from './request-log.js';
import type { ShopState } from './shop-state.js';

export interface ShopAppParts {
  state: ShopState;
  faults: FaultSet;
  requests: RequestLog;
  /** Aborts pending injected delays when the shop closes. */
  signal: AbortSignal;
}

const CONTROL_PREFIX = '/__outpost';

function isControl(path: string): boolean {
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** The whole shop as a Hono app: middleware for recording and faults, then pages and API. */
export function createShopApp(parts: ShopAppParts): Hono<ShopEnv> {
  const { state, faults, requests, signal } = parts;
  const deps = { state };
  const app = new Hono<ShopEnv>();

  // Record every request (but the control plane's) with its trace context, once answered.
  app.use('*', async (c, next) => {
    if (isControl(c.req.path)) return next();
    const time = new Date().toISOString();
    const started = performance.now();
    await next();
    const traceparent = c.req.header('traceparent');
    const tracestate = c.req.header('tracestate');
    requests.record({
      method: c.req.method,
      path: c.req.path,
      time,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(traceparent === undefined ? {} : { traceparent }),
      ...(tracestate === undefined ? {} : { tracestate }),
      ...parseTraceparent(traceparent),
    });
  });

  app.use('*', async (c, next) => {
    c.set('faults', PageFaults.none);
    if (isControl(c.req.path)) return next();
    const decision = faults.decide(c.req.method, c.req.path);
    if (decision.delayMs > 0) await sleep(decision.delayMs, undefined, { signal });
    if (decision.errorStatus !== undefined) {
      c.header('x-outpost-fault', 'error');
      const status = decision.errorStatus as ContentfulStatusCode;
      return isApi(c.req.path)
        ? c.json({ error: 'Service unavailable (injected fault)', status }, status)
        : c.html(errorPage('Service unavailable', 'The shop could not handle this request (injected fault).', 'fault-error'), status);
    }
    if (decision.missing.size > 0 || decision.broken.size > 0) c.set('faults', new PageFaults(decision.missing, decision.broken));
    return next();
  });

  app.route(CONTROL_PREFIX, controlApi(faults, requests));
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.route('/api', shopApi(deps));
  app.route('/', catalogPages(deps));
  app.route('/', accountPages(deps));
  // Where a broken link or GET form leads.
  app.all('/broken/:testId', (c) =>
    c.html(errorPage('Something went wrong', `This part of the page is broken (injected fault: "${c.req.param('testId')}").`, 'broken-page'), 500),
  );

  app.notFound((c) =>
    isApi(c.req.path) || isControl(c.req.path)
      ? c.json({ error: 'not found' }, 404)
      : c.html(errorPage('Page not found', 'There is nothing at this address.', 'not-found'), 404),
  );
  app.onError((error, c) =>
    isApi(c.req.path) || isControl(c.req.path)
      ? c.json({ error: `internal error: ${error.message}` }, 500)
      : c.html(errorPage('Something went wrong', 'The shop hit an internal error.'), 500),
  );
  return app;
}
