import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createServeApp } from './serve-app.js';
import { createDashboardApp } from './dashboard/index.js';

const ready = { report: async () => ({ ready: true, checks: [] }) };
const notReady = { report: async () => ({ ready: false, checks: [{ name: 'store', ok: false, error: 'locked', checkedAt: '' }] }) };
const metrics = { render: async () => '# HELP x\nx 1\n' };

describe('serve app', () => {
  it('answers liveness with status facts', async () => {
    const app = createServeApp({ readiness: ready, metrics, status: () => ({ inFlight: 2 }) });
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', inFlight: 2 });
  });

  it('answers readiness 200 or 503 with the checks', async () => {
    expect((await createServeApp({ readiness: ready, metrics }).request('/readyz')).status).toBe(200);
    const response = await createServeApp({ readiness: notReady, metrics }).request('/readyz');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ checks: [{ name: 'store', error: 'locked' }] });
  });

  it('serves metrics in the Prometheus text format, and 500 when collection fails', async () => {
    const response = await createServeApp({ readiness: ready, metrics }).request('/metrics');
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toBe('# HELP x\nx 1\n');
    const failing = { render: async () => { throw new Error('reader shut down'); } };
    expect((await createServeApp({ readiness: ready, metrics: failing }).request('/metrics')).status).toBe(500);
  });

  it('mounts the canary API under /canary', async () => {
    const canary = new Hono().get('/analyses/:id', (c) => c.json({ id: c.req.param('id') }));
    const response = await createServeApp({ readiness: ready, metrics, canary }).request('/canary/analyses/abc');
    expect(await response.json()).toEqual({ id: 'abc' });
  });

  it('mounts the dashboard at the root, its token guarding only its own routes', async () => {
    const token = 'serve-dashboard-token-123';
    const store = { queryRuns: async () => [], countRuns: async () => 0 } as never;
    const dashboard = createDashboardApp({ store, resultsDir: '/nonexistent', access: { kind: 'token', token }, slos: [] });
    const canary = new Hono().post('/analyses', (c) => c.json({ id: 'a1' }, 202));
    const app = createServeApp({ readiness: ready, metrics, canary, dashboard });
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/readyz')).status).toBe(200);
    expect((await app.request('/metrics')).status).toBe(200);
    expect((await app.request('/canary/analyses', { method: 'POST' })).status).toBe(202);
    expect((await app.request('/api/v1/board')).status).toBe(401);
    expect((await app.request('/')).status).toBe(303);
    const board = await app.request('/api/v1/board', { headers: { authorization: `Bearer ${token}` } });
    expect(await board.json()).toMatchObject({ rows: [] });
  });
});
