import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redactor } from '../../src/config/index.js';
import { evaluateSlos } from '../../src/evaluation/index.js';
import { defaultSlo, resolveSlo } from '../../src/scoring/index.js';
import { createDashboardApp, rollupSloSource, storeAlertSource, type AccessPolicy } from '../../src/server/index.js';
import { openStore, type ResultStore } from '../../src/store/index.js';
import { canaryGateSession, verifyGateSession } from '../../src/store/gate-session-contract.js';
import { minimalResult } from '../../src/store/journey-result-fixture.js';
import { CHECKOUT_ERROR, EXPECTED_BOARD, FIRING_ALERT, seedAlerts, seedDashboardStore, XSS_ERROR, XSS_STEP } from './dashboard-seed.js';

const NOW = Date.UTC(2025, 2, 10, 12, 0);
const TOKEN = 'test-token-0123456789abcdef';

let dir: string;
let resultsDir: string;
let store: ResultStore;

type Extra = { traceUrlTemplate?: string; redactor?: Redactor; alerts?: ReturnType<typeof storeAlertSource>; alertChannels?: string[] };

function dashboard(access: AccessPolicy = { kind: 'open' }, extra: Extra = {}): Hono {
  return createDashboardApp({
    store,
    resultsDir,
    access,
    now: () => NOW,
    slos: EXPECTED_BOARD.map((row) => resolveSlo(defaultSlo(row.journey))),
    journeys: [{ name: 'profile', cuj: 'profile', description: 'A customer can see their profile' }],
    ...extra,
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-dashboard-'));
  resultsDir = join(dir, 'results');
  store = await openStore(join(dir, 'outpost.db'));
  await seedDashboardStore(store, resultsDir, NOW);
  // Alert history as serve's alerting cycle writes it; read only by the dashboards given an alert source.
  await seedAlerts(store, NOW);
  // A run whose stored artifact paths point outside the results folder: never served.
  await writeFile(join(dir, 'outside.txt'), 'not an artifact');
  await symlink(join(dir, 'outside.txt'), join(resultsDir, 'link-out.png'));
  await store.saveRun(minimalResult({ id: 'escaping', journey: 'escaping', startedAt: new Date(NOW - 60_000).toISOString(), artifacts: { screenshot: '../outside.txt', trace: 'link-out.png' } }));
  await store.saveGateSession(canaryGateSession({ startedAt: new Date(NOW - 3_600_000).toISOString() }));
  await store.saveGateSession(verifyGateSession({ startedAt: new Date(NOW - 7_200_000).toISOString() }));
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const json = async (app: Hono, path: string, init?: RequestInit) => {
  const response = await app.request(path, init);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('the JSON API', () => {
  it('answers the board most urgent first, with the numbers behind each row', async () => {
    const { status, body } = await json(dashboard(), '/api/v1/board');
    expect(status).toBe(200);
    expect(body.rows.map((row: any) => ({ journey: row.journey, status: row.status, events: row.events, bad: row.bad, degraded: row.degradedRuns }))).toEqual(EXPECTED_BOARD);
    const [checkout, browse] = body.rows;
    expect(checkout.alert).toMatchObject({ status: 'firing', severity: 'page', tier: 'page-1h', source: 'evaluation' });
    expect(browse.alert).toMatchObject({ status: 'firing', severity: 'ticket' });
    // 3 failures in the 24h tier's 2h short window (120 runs) are not significant evidence of
    // more than f·B = 1.4%; 9 in the 72h tier's 6h window are.
    expect(browse.burnRates.map((tier: any) => [tier.tier, tier.firing])).toEqual([['page-1h', false], ['page-6h', false], ['ticket-24h', false], ['ticket-72h', true]]);
    // 36 bad of 1440 in the last day: burn rate 0.025 / 0.005 = 5.
    expect(browse.burnRates[2].long).toBeCloseTo(5, 10);
    expect(checkout.remaining).toBeCloseTo(1 - 12 / (0.005 * 864), 10);
    // The burn-down, from the rollups: the period's start, each of the 28 midnights in it, then now.
    const midnights = Array.from({ length: 28 }, (_, i) => Date.UTC(2025, 1, 11 + i));
    expect(checkout.burnDown.map((p: any) => p.atMs)).toEqual([NOW - 28 * 86_400_000, ...midnights, NOW]);
    // Checkout failed only in the last hour: untouched until now.
    expect(checkout.burnDown.slice(0, -1).every((p: any) => p.remaining === 1)).toBe(true);
    expect(checkout.burnDown.at(-1).remaining).toBeCloseTo(checkout.remaining, 10);
    // Cart's 30 failures two days ago (Mar 8, 09:30–12:00) appear at the next midnight and stay.
    const cart = body.rows[2];
    const cartAt = (ms: number) => cart.burnDown.find((p: any) => p.atMs === ms).remaining;
    expect(cartAt(Date.UTC(2025, 2, 8))).toBe(1);
    expect(cartAt(Date.UTC(2025, 2, 9))).toBeCloseTo(1 - 30 / (0.005 * 864), 10);
    expect(cart.burnDown.at(-1).remaining).toBeCloseTo(cart.remaining, 10);
    expect(body.counts).toEqual({ page: 1, ticket: 1, exhausted: 1, 'at-risk': 0, ok: 2, 'no-data': 1 });
    expect(body.version).toMatch(/^[\w-]{16}$/);
  });

  it('takes its numbers from the rollups, as `outpost slo status` does: the same after raw-run retention deleted every run', async () => {
    const own = await openStore(join(dir, 'retention.db'));
    try {
      await seedDashboardStore(own, join(dir, 'retention-results'), NOW);
      const slos = EXPECTED_BOARD.map((row) => resolveSlo(defaultSlo(row.journey)));
      const board = async () => (await createDashboardApp({ store: own, resultsDir, access: { kind: 'open' }, now: () => NOW, slos }).request('/api/v1/board')).json();
      const before = await board();
      const statuses = await evaluateSlos({ store: own, slos, nowMs: NOW });
      for (const row of before.rows) {
        const status = statuses.find((s) => s.slo.name === row.slo)!;
        expect(row, row.slo).toMatchObject({
          sliValue: status.sli,
          events: status.runs,
          degradedRuns: status.degradedRuns,
          remaining: status.runs === 0 ? null : status.evaluation.budget.ratio.remaining,
          exact: true,
        });
        expect(row.burnRates.map((t: any) => [t.tier, t.long, t.short, t.firing])).toEqual(status.evaluation.tiers.map((t) => [t.tier, t.long.burnRate, t.short.burnRate, t.firing]));
      }
      expect(await own.deleteRunsBefore(new Date(NOW + 1), 100_000)).toBe(4 * 864 + 4320 + 5);
      expect(await own.countRuns()).toBe(0);
      const after = await board();
      expect(after.rows).toEqual(before.rows);
    } finally {
      await own.close();
    }
  });

  it('evaluates the SLOs once per refresh interval for every request, and can start before the first one', async () => {
    let reads = 0;
    const source = rollupSloSource(store);
    const sloSource = { read: (...args: Parameters<typeof source.read>) => ((reads += 1), source.read(...args)) };
    const slos = EXPECTED_BOARD.map((row) => resolveSlo(defaultSlo(row.journey)));
    const options = { store, resultsDir, access: { kind: 'open' as const }, now: () => NOW, slos, sloSource, refreshMs: 60_000 };
    createDashboardApp(options);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toBe(0);
    const app = createDashboardApp({ ...options, warmUp: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toBe(1);
    const answers = await Promise.all([app.request('/api/v1/board'), app.request('/'), app.request('/api/v1/board')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(((await answers[0]!.json()) as any).rows.map((row: any) => row.journey)).toEqual(EXPECTED_BOARD.map((row) => row.journey));
    expect(reads).toBe(1);
  });

  it('answers a journey with its runs per location, latency per bucket and step, and recent runs', async () => {
    const { status, body } = await json(dashboard(), '/api/v1/journeys/checkout?hours=6');
    expect(status).toBe(200);
    expect(body.locations.map((l: any) => [l.location, l.runs.length])).toEqual([['eu-west', 36], ['us-east', 36]]);
    expect(body.counts).toMatchObject({ passed: 60, failed: 12 });
    expect(body.latency.steps.map((s: any) => s.step)).toEqual(['open home', 'add to cart', 'pay']);
    const filled = body.latency.journey.filter((p: any) => p.count > 0);
    expect(filled.every((p: any) => p.p50Ms === 2100 && p.p95Ms === 2100)).toBe(true);
    expect(body.recent[0]).toMatchObject({ id: 'checkout-0', display: 'failed', failingStep: 'pay', error: CHECKOUT_ERROR, hasScreenshot: true });
    expect((await json(dashboard(), '/api/v1/journeys/nope')).status).toBe(404);
    expect((await json(dashboard(), '/api/v1/journeys/profile')).status).toBe(200);
  });

  it('pages runs and filters them, and says what is wrong with bad parameters', async () => {
    const first = await json(dashboard(), '/api/v1/runs?journey=search&limit=3');
    expect(first.body).toMatchObject({ total: 869, limit: 3, offset: 0 });
    expect(first.body.runs).toHaveLength(3);
    const next = await json(dashboard(), '/api/v1/runs?journey=search&limit=3&offset=3');
    expect(next.body.runs[0].startedAtMs).toBeLessThanOrEqual(first.body.runs[2].startedAtMs);
    expect((await json(dashboard(), '/api/v1/runs?status=failed&journey=cart')).body.total).toBe(30);
    expect((await json(dashboard(), '/api/v1/runs')).body.limit).toBe(50);
    const bad = await json(dashboard(), '/api/v1/runs?limit=0&offset=-1&status=broken');
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([
      'limit: expected a whole number from 1 to 500, got "0"',
      'offset: expected a whole number from 0 to 10000000, got "-1"',
      'status: expected one of passed, failed, timedOut, error, aborted, got "broken"',
    ]);
  });

  it('answers a run with its steps, error, artifacts, trace link and coverage', async () => {
    const app = dashboard({ kind: 'open' }, { traceUrlTemplate: 'https://jaeger.example.com/trace/{traceId}' });
    const { body } = await json(app, '/api/v1/runs/checkout-0');
    expect(body).toMatchObject({
      failingStep: 'pay',
      error: CHECKOUT_ERROR,
      screenshotUrl: '/runs/checkout-0/screenshot',
      trace: { downloadUrl: '/runs/checkout-0/trace', showTraceCommand: 'npx playwright show-trace checkout-checkout-0-trace.zip' },
      traceLink: 'https://jaeger.example.com/trace/4bf92f3577b34da6a3ce929d0e0e4736',
      coverage: [{ stepName: 'pay', method: 'POST', path: '/api/orders', status: 402, requests: 1, meanMs: 180 }],
    });
    expect(body.steps.map((s: any) => [s.name, s.status, s.offsetMs])).toEqual([['open home', 'passed', 0], ['add to cart', 'passed', 500], ['pay', 'failed', 1200]]);
    expect((await json(app, '/api/v1/runs/nope')).status).toBe(404);
  });

  it('answers verify and canary sessions, newest first, by kind, with their metric tables', async () => {
    const all = await json(dashboard(), '/api/v1/gate-sessions');
    expect(all.body.sessions.map((s: any) => s.id)).toEqual(['canary-1', 'verify-1']);
    expect(all.body.more).toBe(false);
    const canary = await json(dashboard(), '/api/v1/gate-sessions?kind=canary&limit=1');
    expect(canary.body.sessions.map((s: any) => s.id)).toEqual(['canary-1']);
    expect((await json(dashboard(), '/api/v1/gate-sessions?limit=1')).body.more).toBe(true);
    const one = await json(dashboard(), '/api/v1/gate-sessions/canary-1');
    expect(one.body.cujs[0].metrics.map((m: any) => [m.name, m.classification])).toEqual([['success ratio', 'High'], ["step 'pay' latency", 'Pass']]);
    expect((await json(dashboard(), '/api/v1/gate-sessions?kind=both')).status).toBe(400);
  });

  it('says alerting is not set up when there is no alert source', async () => {
    expect((await json(dashboard(), '/api/v1/alerts')).body).toMatchObject({ alerts: null, firing: 0 });
    expect((await json(dashboard(), '/api/v1/nope')).status).toBe(404);
  });

  it('without alert channels (outpost ui): shows the stored alert history with deliveries per channel, says nothing is notified, and adds what would fire now', async () => {
    const app = dashboard({ kind: 'open' }, { alerts: storeAlertSource(store.alerts), alertChannels: [] });
    const { body } = await json(app, '/api/v1/alerts');
    expect(body.channels).toEqual([]);
    expect(body.firing).toBe(2);
    expect(body.alerts.map((a: any) => [a.slo, a.tier, a.status])).toEqual([
      ['checkout-availability', 'page-1h', 'firing'],
      ['browse-availability', 'ticket-24h', 'firing'],
      ['cart-availability', 'ticket-72h', 'resolved'],
    ]);
    expect(body.alerts[0].deliveries.map((d: any) => [d.channel, d.status, d.lastError]).sort()).toEqual([
      ['pagerduty', 'failed-retrying', FIRING_ALERT.pagerDutyError],
      ['slack', 'delivered', null],
    ]);
    // Tiers firing now by the evaluation, except those the history already shows firing.
    const board = (await json(app, '/api/v1/board')).body;
    const firingNow = board.rows.flatMap((row: any) => row.burnRates.filter((t: any) => t.firing).map((t: any) => `${row.slo} ${t.tier}`));
    const shown = ['checkout-availability page-1h', 'browse-availability ticket-24h'];
    // browse's stored ticket-24h alert is firing, but by today's evaluation only its 72h tier is:
    // 3 failures in the 2h short window are not significant evidence (see the board test).
    expect(firingNow).toEqual(expect.arrayContaining(['checkout-availability page-1h', 'browse-availability ticket-72h']));
    expect(body.wouldFire.map((w: any) => `${w.slo} ${w.tier}`)).toEqual(firingNow.filter((t: string) => !shown.includes(t)));
    // The board: stored firing alerts as the alerting cycle left them; cart's resolved one.
    expect(board.rows.map((row: any) => [row.journey, row.alert.status, row.alert.source])).toEqual([
      ['checkout', 'firing', 'alerting'],
      ['browse', 'firing', 'alerting'],
      ['cart', 'resolved', 'alerting'],
      ['search', 'ok', 'alerting'],
      ['login', 'ok', 'alerting'],
      ['profile', 'ok', 'alerting'],
    ]);
    const page = await (await app.request('/alerts')).text();
    expect(page).toContain('No alert channels are configured');
    expect(page.match(/<article class="alert alert-firing/g)).toHaveLength(2);
    expect(page.match(/<article class="alert alert-resolved/g)).toHaveLength(1);
    expect(page).toMatch(/<table class="deliveries">.*<td>pagerduty<\/td><td>trigger<\/td><td><span class="pill delivery-failed-retrying">failed-retrying<\/span>/s);
    expect(page).toMatch(/<table class="would-fire">.*<td>browse-availability<\/td><td>ticket-72h<\/td>/s);
  });

  it('without alert channels and no alert history: says so, and lists the tiers firing now', async () => {
    const empty = await openStore(':memory:');
    try {
      const app = dashboard({ kind: 'open' }, { alerts: storeAlertSource(empty.alerts), alertChannels: [] });
      const { body } = await json(app, '/api/v1/alerts');
      expect(body).toMatchObject({ alerts: [], firing: 0, channels: [] });
      expect(body.wouldFire.map((w: any) => `${w.journey} ${w.tier}`)).toEqual(expect.arrayContaining(['checkout page-1h', 'browse ticket-72h']));
      // Without stored states the board says what fires now, from the evaluation.
      const [checkout] = (await json(app, '/api/v1/board')).body.rows;
      expect(checkout.alert).toMatchObject({ status: 'firing', severity: 'page', source: 'evaluation' });
      const page = await (await app.request('/alerts')).text();
      expect(page).toContain('No alert channels are configured');
      expect(page).toContain('The store holds no alert history.');
      expect(page).toMatch(/<table class="would-fire">.*<td>checkout-availability<\/td><td>page-1h<\/td>/s);
    } finally {
      await empty.close();
    }
  });

  it('with alert channels: names them, and leaves what fires to the alerting cycle', async () => {
    const app = dashboard({ kind: 'open' }, { alerts: storeAlertSource(store.alerts), alertChannels: ['slack', 'pagerduty'] });
    const { body } = await json(app, '/api/v1/alerts');
    expect(body).toMatchObject({ firing: 2, channels: ['slack', 'pagerduty'], wouldFire: [] });
    const page = await (await app.request('/alerts')).text();
    expect(page).toContain('Notifications go to: slack, pagerduty.');
    expect(page).not.toContain('would-fire');
  });

  it('keeps secret values out of what it shows', async () => {
    const redactor = new Redactor({ CARD: 'Card declined' });
    const { body } = await json(dashboard({ kind: 'open' }, { redactor }), '/api/v1/runs/checkout-0');
    expect(body.error).toBe('expected "Order confirmed" — got "[redacted:CARD] (402)"');
    const page = await (await dashboard({ kind: 'open' }, { redactor }).request('/runs/checkout-0')).text();
    expect(page).not.toContain('Card declined');
  });
});

describe('pages', () => {
  it('render the board as a table that works without JavaScript, with security headers', async () => {
    const response = await dashboard().request('/');
    const page = await response.text();
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const journeys = [...page.matchAll(/<a class="cuj" href="\/journeys\/([^"]+)">/g)].map((m) => m[1]);
    expect(journeys).toEqual(EXPECTED_BOARD.map((row) => row.journey));
    expect(page).not.toMatch(/<script>|<style>|\sstyle="|\son\w+=/);
  });

  it('escape every stored string: payloads in a step name and an error are text, never markup', async () => {
    for (const path of ['/runs/search-100', '/journeys/search', '/runs?journey=search']) {
      const text = await (await dashboard().request(path)).text();
      expect(text, path).not.toContain('<script>alert');
      expect(text, path).not.toContain('<img src=x');
    }
    const runPage = await (await dashboard().request('/runs/search-100')).text();
    expect(runPage).toContain('&lt;script&gt;alert(&quot;step&quot;)&lt;/script&gt;');
    expect(runPage).toContain('&quot;&gt;&lt;img src=x onerror=alert(&quot;error&quot;)&gt;');
    // The API hands the same strings over as data, in JSON the browser never renders as a page.
    const api = await dashboard().request('/api/v1/runs/search-100');
    expect(api.headers.get('content-type')).toBe('application/json');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await api.json()).steps[0]).toMatchObject({ name: XSS_STEP, error: { message: XSS_ERROR } });
  });

  it('answer 404 for unknown runs, journeys and paths without echoing the path', async () => {
    for (const path of ['/runs/nope', '/journeys/nope', '/gates/nope', '/no/such/<b>page</b>']) {
      const response = await dashboard().request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('<b>page</b>');
    }
  });

  it('render the canary & verify sessions, one session\'s metric table, the journeys and the alerts page', async () => {
    const gates = await (await dashboard().request('/gates')).text();
    expect(gates).toMatch(/href="\/gates\/canary-1">.*<\/a><\/td>\s*<td>canary<\/td><td><span class="pill verdict-fail">FAIL<\/span>/s);
    const session = await (await dashboard().request('/gates/canary-1')).text();
    expect(session).toContain('step &#39;pay&#39; latency');
    expect(session).toContain('30 passed, 0 failed');
    expect(session).toContain('+6 ms (−10 ms … +21 ms, 98%)');
    expect(session).toContain('href="/runs?session=canary-1"');
    const journeys = await (await dashboard().request('/journeys')).text();
    expect([...journeys.matchAll(/<td><a href="\/journeys\/([^"]+)">/g)].map((m) => m[1])).toEqual(['browse', 'cart', 'checkout', 'escaping', 'login', 'profile', 'search']);
    expect(await (await dashboard().request('/alerts')).text()).toContain('Alerting is not set up');
  });

  it('are read-only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) expect((await dashboard().request('/api/v1/board', { method })).status).toBe(405);
  });
});

describe('artifacts', () => {
  it('serves the screenshot inline and the trace as a download', async () => {
    const screenshot = await dashboard().request('/runs/checkout-0/screenshot');
    expect(screenshot.status).toBe(200);
    expect(screenshot.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await screenshot.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    const trace = await dashboard().request('/runs/checkout-0/trace');
    expect(trace.headers.get('content-disposition')).toBe('attachment; filename="checkout-checkout-0-trace.zip"');
  });

  it('answers 404 to path traversal, encoded or not, and to stored paths or symlinks that leave the results folder', async () => {
    const attempts = [
      '/runs/../outside.txt/screenshot',
      '/runs/..%2Foutside.txt/screenshot',
      '/runs/..%252Foutside.txt/screenshot',
      '/runs/%2e%2e%2f%2e%2e%2fetc%2fpasswd/trace',
      '/runs/checkout-0/screenshot/..%2f..%2foutside.txt',
      '/runs/escaping/screenshot',
      '/runs/escaping/trace',
      '/assets/..%2fdashboard-app.ts',
      '/assets/%2e%2e/dashboard-app.ts',
      '/runs/search-100/screenshot',
    ];
    for (const path of attempts) {
      const response = await dashboard().request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('not an artifact');
    }
  });
});

describe('token access', () => {
  const app = () => dashboard({ kind: 'token', token: TOKEN });

  it('answers the API 401 without the token and 200 with it as a bearer header', async () => {
    const denied = await app().request('/api/v1/board');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer realm="outpost"');
    expect((await app().request('/api/v1/board', { headers: { Authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await app().request('/api/v1/board', { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await app().request('/runs/checkout-0/screenshot')).status).toBe(303);
  });

  it('sends pages to the login form, and the form sets an HttpOnly SameSite cookie that opens them', async () => {
    const page = await app().request('/journeys/checkout?hours=6');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fjourneys%2Fcheckout%3Fhours%3D6');
    const form = (token: string, next: string) => ({ method: 'POST', body: new URLSearchParams({ token, next }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const wrong = await app().request('/login', form('wrong-token-wrong-token', '/'));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const login = await app().request('/login', form(TOKEN, '/journeys/checkout?hours=6'));
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/journeys/checkout?hours=6');
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^outpost_ui_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(TOKEN);
    const opened = await app().request('/journeys/checkout', { headers: { cookie: cookie.split(';')[0]! } });
    expect(opened.status).toBe(200);
    expect((await app().request('/', { headers: { cookie: 'outpost_ui_session=forged' } })).status).toBe(303);
  });

  it('never redirects a login to another origin', async () => {
    const form = { method: 'POST', body: new URLSearchParams({ token: TOKEN, next: '//evil.example.com/' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    expect((await app().request('/login', form)).headers.get('location')).toBe('/');
  });
});
