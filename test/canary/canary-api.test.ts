import { getRequestListener } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCanaryApi, runCanary, type AnalyseCanary, type CanaryApi, type GateBody } from '../../src/canary/index.js';
import { apiCheckout, apiSearch, startSessionHarness, startShopPair, type SessionHarness, type ShopPair } from './canary-harness.js';

/**
 * The progressive delivery hooks over real HTTP on 127.0.0.1. The analyses are real: API
 * journeys against demo shops. PASS cases use the default run count; FAIL cases a canary whose
 * orders all fail, which 6 runs decide.
 */
let harness: SessionHarness;
let healthy: ShopPair;
let broken: ShopPair;
let api: CanaryApi;
let server: Server;
let base: string;

/** Targets are the names `healthy` and `broken` (each pair's canary) or `baseline`. */
const analyse: AnalyseCanary = (request, signal) => {
  const url = (name: string): string => (name === 'broken' ? broken.canary.url : name === 'healthy' ? healthy.canary.url : healthy.baseline.url);
  const journeys = [apiCheckout, apiSearch].filter((j) => request.grep === undefined || new RegExp(request.grep).test(j.name));
  if (request.canary === 'unknown') return Promise.reject(new Error('unknown target "unknown"'));
  return runCanary({
    run: { ...harness.run, signal },
    journeys,
    concurrency: 2,
    baseline: { name: request.baseline, baseURL: url(request.baseline) },
    canary: { name: request.canary, baseURL: url(request.canary) },
    ...(request.durationMs === undefined ? { runs: request.runs } : { durationMs: request.durationMs }),
  });
};

beforeAll(async () => {
  harness = await startSessionHarness();
  healthy = await startShopPair();
  broken = await startShopPair([{ path: '/api/checkout', method: 'POST', errorRate: 1 }]);
  api = createCanaryApi({ analyse, maxWaitMs: 60_000 });
  server = createServer(getRequestListener(api.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await api.close();
  await new Promise((resolve) => server.close(resolve));
  await Promise.all([healthy.close(), broken.close()]);
  await harness.close();
});

async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

async function get(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('canary API', () => {
  it('starts an analysis, reports it running, and returns its result when waited for', async () => {
    const started = await post('/analyses', { baseline: 'baseline', canary: 'healthy', grep: 'search' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', request: { grep: 'search' } });
    const waited = await get(`/analyses/${started.body.id}/wait?timeout=60s`);
    expect(waited.status).toBe(200);
    expect(waited.body.status).toBe('done');
    const result = waited.body.result as GateBody;
    expect(result).toMatchObject({ verdict: 'PASS', score: 100, passed: true, runsPerSide: 50 });
    expect(result.cujs.map((cuj) => cuj.cuj)).toEqual(['search']);
    expect((await get(`/analyses/${started.body.id}`)).body.result.verdict).toBe('PASS');
  });

  it('answers Argo Rollouts with score, verdict and per-metric details', async () => {
    const { status, body } = await get('/argo?baseline=baseline&canary=broken&runs=6&grep=checkout');
    expect(status).toBe(200);
    const result = body as GateBody;
    expect(result).toMatchObject({ verdict: 'FAIL', score: 0, passed: false });
    const successRatio = result.cujs[0]?.metrics.find((m) => m.id === 'success-ratio');
    expect(successRatio).toMatchObject({ classification: 'High', critical: true, decided: true, baselineFailureRate: 0, canaryFailureRate: 1 });
    const latency = result.cujs[0]?.metrics.find((m) => m.id === 'step:log in');
    expect(latency).toEqual(expect.objectContaining({ baselineMedianMs: expect.any(Number), shiftMs: expect.any(Number), pValue: expect.any(Number) }));
  });

  it('answers a Flagger webhook 2xx on PASS and non-2xx on FAIL', async () => {
    const payload = (canary: string) => ({ name: 'shop', namespace: 'prod', phase: 'Progressing', metadata: { baseline: 'baseline', canary, runs: '6', grep: 'checkout' } });
    const pass = await post('/flagger', { ...payload('healthy'), metadata: { baseline: 'baseline', canary: 'healthy', grep: 'checkout' } });
    expect(pass.status).toBe(200);
    expect(pass.body.verdict).toBe('PASS');
    const fail = await post('/flagger', payload('broken'));
    expect(fail.status).toBe(412);
    expect(fail.body).toMatchObject({ verdict: 'FAIL', passed: false });
  });

  it('rejects bad requests with every issue, and reports analyses that cannot run as errors, not verdicts', async () => {
    const bad = await post('/analyses', { baseline: 'baseline', runs: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['canary', 'runs']);
    expect((await post('/flagger', { name: 'shop', metadata: {} })).status).toBe(400);
    const failed = await get('/argo?baseline=baseline&canary=unknown');
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ status: 'error', error: 'unknown target "unknown"' });
    expect((await get('/analyses/nope')).status).toBe(404);
  });
});
