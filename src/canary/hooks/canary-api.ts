/**
 * The HTTP face of canary analysis, for progressive delivery tools and `outpost serve`:
 *
 * - `POST /analyses` starts an analysis (202 with its id); `GET /analyses/:id` reads it;
 *   `GET /analyses/:id/wait?timeout=60s` waits for it (200 when finished, 202 while running).
 * - `GET|POST /argo`: an Argo Rollouts `web` metric provider. Runs an analysis, waits, and answers
 *   the gate body (`score`, `verdict`, per-metric details) for `successCondition: result.score >= 90`.
 * - `POST /flagger`: a Flagger webhook. Reads the request from the payload's `metadata`, runs it,
 *   and answers 200 on PASS and 412 otherwise (FAIL, MARGINAL, INCONCLUSIVE), since Flagger
 *   counts any non-2xx answer as a failed check.
 *
 * A request that is not understood gets 400 with every issue; an analysis that cannot run
 * (unknown target, no journeys) 500 with its error: neither is a verdict.
 */
import { Hono, type Context } from 'hono';
import { toMilliseconds } from '../../journey/index.js';
import { AnalysisRegistry, type AnalyseCanary, type AnalysisEntry } from './analysis-registry.js';
import { parseCanaryRequest } from './canary-request.js';
import { gateBody } from './gate-body.js';

export interface CanaryApiOptions {
  /** Runs one analysis: resolves targets and journeys, runs `runCanary`. */
  analyse: AnalyseCanary;
  /** Longest that `/argo`, `/flagger` and `/wait` hold a request open (default 30 min). */
  maxWaitMs?: number;
}

export interface CanaryApi {
  /** The routes, to mount under a prefix (`server.route('/canary', api.app)`). */
  app: Hono;
  /** The fetch-style handler (serve with `@hono/node-server`'s `getRequestListener`). */
  fetch: (request: Request) => Response | Promise<Response>;
  /** Aborts running analyses and waits for them to end. */
  close(): Promise<void>;
}

const DEFAULT_MAX_WAIT_MS = 30 * 60_000;
const DEFAULT_WAIT_MS = 30_000;

/**
 * Creates the canary API.
 * @example
 * const api = createCanaryApi({ analyse: (request, signal) => runCanary({ ...sessionFor(request), run: { ...run, signal } }) });
 * createServer(getRequestListener(api.fetch)).listen(8080, '127.0.0.1');
 */
export function createCanaryApi(options: CanaryApiOptions): CanaryApi {
  const registry = new AnalysisRegistry(options.analyse);
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const app = new Hono();

  app.post('/analyses', async (c) => {
    const started = await startFrom(c, registry, await jsonBody(c));
    return 'response' in started ? started.response : c.json(entryBody(started.entry), 202);
  });
  app.get('/analyses/:id', (c) => {
    const entry = registry.get(c.req.param('id'));
    return entry === undefined ? notFound(c) : c.json(entryBody(entry));
  });
  app.get('/analyses/:id/wait', async (c) => {
    const timeoutMs = waitTimeout(c.req.query('timeout'), maxWaitMs);
    if (timeoutMs === undefined) return c.json({ error: 'invalid request', issues: [{ path: 'timeout', message: "expected a duration like '60s'" }] }, 400);
    const entry = await registry.wait(c.req.param('id'), timeoutMs);
    if (entry === undefined) return notFound(c);
    return c.json(entryBody(entry), entry.state.status === 'running' ? 202 : 200);
  });
  const argo = async (c: Context, input: unknown): Promise<Response> => {
    const started = await startFrom(c, registry, input);
    if ('response' in started) return started.response;
    const entry = (await registry.wait(started.entry.id, maxWaitMs)) ?? started.entry;
    if (entry.state.status === 'done') return c.json(gateBody(entry.state.result));
    return unfinished(c, entry);
  };
  app.get('/argo', (c) => argo(c, c.req.query()));
  app.post('/argo', async (c) => argo(c, await jsonBody(c)));
  app.post('/flagger', async (c) => {
    const payload = await jsonBody(c);
    const started = await startFrom(c, registry, isRecord(payload) ? payload.metadata : undefined);
    if ('response' in started) return started.response;
    const entry = (await registry.wait(started.entry.id, maxWaitMs)) ?? started.entry;
    if (entry.state.status !== 'done') return unfinished(c, entry);
    const body = gateBody(entry.state.result);
    return c.json(body, body.verdict === 'PASS' ? 200 : 412);
  });

  return { app, fetch: (request) => app.fetch(request), close: () => registry.close() };
}

type Started = { entry: AnalysisEntry } | { response: Response };

async function startFrom(c: Context, registry: AnalysisRegistry, input: unknown): Promise<Started> {
  if (input === INVALID_JSON) return { response: c.json({ error: 'expected a JSON body' }, 400) };
  const parsed = parseCanaryRequest(input);
  if (!parsed.ok) return { response: c.json({ error: 'invalid request', issues: parsed.issues }, 400) };
  return { entry: registry.start(parsed.request) };
}

const INVALID_JSON = Symbol('invalid JSON');

async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}

function entryBody(entry: AnalysisEntry): unknown {
  const { state, ...rest } = entry;
  const links = { self: `analyses/${entry.id}`, wait: `analyses/${entry.id}/wait` };
  if (state.status === 'done') return { ...rest, status: state.status, links, result: gateBody(state.result) };
  if (state.status === 'error') return { ...rest, status: state.status, links, error: state.error };
  return { ...rest, status: state.status, links };
}

/** The analysis errored (500) or outlived the longest wait (504): no verdict to give. */
function unfinished(c: Context, entry: AnalysisEntry): Response {
  return c.json(entryBody(entry), entry.state.status === 'error' ? 500 : 504);
}

function notFound(c: Context): Response {
  return c.json({ error: 'no analysis with this id (finished analyses are kept in memory, the newest 100)' }, 404);
}

function waitTimeout(text: string | undefined, maxWaitMs: number): number | undefined {
  if (text === undefined) return Math.min(DEFAULT_WAIT_MS, maxWaitMs);
  try {
    return Math.min(toMilliseconds(text), maxWaitMs);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
