import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import { startHttpReceiver, type HttpReceiver } from '../helpers/http-receiver.js';
import { openStore } from '../../src/store/index.js';
import { API_PRODUCTS_JOURNEY, cleanUp, eventually, serveConfig, serveProject, startServe, stopServe } from './serve-harness.js';

/**
 * `outpost serve` evaluates the SLOs from the store's rollups on the leader and delivers alerts:
 * an API journey that always fails, one run a second, with guards low enough to fire within
 * seconds, and a signed webhook channel pointing at a receiver in this test. The leader also
 * publishes the SLO gauges and runs rollup upkeep.
 */
const FAILING = `import { journey, step } from 'outpost';
export default journey({ name: 'api-missing', schedule: { every: '1s' }, steps: [
  step('fetch missing page', async ({ request, expect }) => { expect((await request.get('/api/no-such-thing')).status()).toBe(200); }),
] });`;

/** The value of the first sample of `name` whose labels include `label`. */
function gauge(metrics: string, name: string, label: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(label));
  if (line === undefined) throw new Error(`no ${name} sample with ${label} in:\n${metrics}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

interface WebhookBody {
  alert: { kind: string; state: string; dedupKey: string; slo: string; severity: string; failingStep: { name: string } | null; reason: string | null };
}

let shop: DemoShop;
let receiver: HttpReceiver;
const projects: string[] = [];

beforeAll(async () => {
  shop = await startDemoShop({ port: 0 });
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await receiver.close();
  await cleanUp(shop, projects);
});

describe('outpost serve: SLO evaluation and alert delivery on the leader (child process)', () => {
  it('fires the page tier once to the webhook, exports the SLO gauges and maintains the rollups', async () => {
    const slo = {
      name: 'missing-availability',
      journey: 'api-missing',
      sli: { kind: 'availability' },
      objective: 99,
      tiers: [{ severity: 'page', budgetPercent: 2, longWindow: '1h' }],
      guards: { minEvents: 3, minBadEvents: 3, wilsonConfidence: null },
    };
    const alerting = { evaluationInterval: '1s', channels: [{ type: 'webhook', url: `${receiver.url}/hook`, secret: { env: 'HOOK_SECRET' } }] };
    const cwd = await serveProject({ missing: FAILING }, { retries: 0, concurrency: 2 }, { slos: [slo], alerting });
    projects.push(cwd);
    const serve = await startServe([], { cwd, env: { SHOP_URL: shop.url, HOOK_SECRET: 'test-secret' } });

    await eventually(() => receiver.requests.length > 0, 'the webhook to receive the alert', 90_000);
    const metrics = await (await fetch(`${serve.url}/metrics`)).text();
    const { exit } = await stopServe(serve, join(cwd, '.outpost', 'outpost.db'));

    expect(exit.code).toBe(0);
    const triggers = receiver.requests.filter((r) => (r.json as WebhookBody).alert.kind === 'trigger');
    expect(triggers).toHaveLength(1);
    const alert = (triggers[0]!.json as WebhookBody).alert;
    expect(alert).toMatchObject({ state: 'firing', dedupKey: 'outpost/slo/missing-availability/page-1h', slo: 'missing-availability', severity: 'page' });
    expect(alert.failingStep?.name).toBe('fetch missing page');
    expect(String(triggers[0]!.headers['x-outpost-signature'])).toMatch(/^sha256=[0-9a-f]{64}$/);
    // Every run failed, so the SLI the leader exports is 0 and the budget is overspent.
    expect(gauge(metrics, 'outpost_slo_sli_ratio', 'slo="missing-availability"')).toBe(0);
    expect(gauge(metrics, 'outpost_slo_error_budget_remaining_ratio', 'slo="missing-availability"')).toBeCloseTo(-99, 6);
    expect(gauge(metrics, 'outpost_slo_burn_rate_ratio', 'window="1h"')).toBeCloseTo(100, 6);
    expect(serve.events('rollups.maintained').length).toBeGreaterThan(0);
  }, 150_000);

  it('resolves the alerts of an SLO removed from the config, but not those of SLOs a partial serve (--grep) did not evaluate', async () => {
    const alerting = { evaluationInterval: '1s', channels: [{ type: 'webhook', url: `${receiver.url}/removed`, secret: { env: 'HOOK_SECRET' } }] };
    const defaults = { retries: 0, concurrency: 2 };
    // No SLOs configured: one default availability SLO per journey; api-missing's fires.
    const cwd = await serveProject({ missing: FAILING, products: API_PRODUCTS_JOURNEY }, defaults, { alerting });
    projects.push(cwd);
    const env = { SHOP_URL: shop.url, HOOK_SECRET: 'test-secret' };
    const db = join(cwd, '.outpost', 'outpost.db');
    const sent = (kind: string) => receiver.requests.filter((r) => r.path === '/removed' && (r.json as WebhookBody).alert.kind === kind).map((r) => (r.json as WebhookBody).alert);
    const missingStates = async () => {
      const store = await openStore(db);
      try {
        return (await store.alerts.loadStates()).filter((s) => s.slo === 'api-missing-availability');
      } finally {
        await store.close();
      }
    };

    const first = await startServe([], { cwd, env });
    await eventually(() => sent('trigger').some((a) => a.slo === 'api-missing-availability'), 'the default SLO of api-missing to fire', 90_000);
    expect((await stopServe(first, db)).exit.code).toBe(0);
    const firing = (await missingStates()).filter((s) => s.status === 'firing').map((s) => s.dedupKey).sort();
    expect(firing.length).toBeGreaterThan(0);

    // Only api-products runs: api-missing's default SLO is not evaluated, and not resolved either.
    const partial = await startServe(['--grep', 'api-products'], { cwd, env });
    await eventually(() => partial.events('run').length >= 8, 'eight runs of api-products (and as many alerting cycles)', 90_000);
    expect((await stopServe(partial, db)).exit.code).toBe(0);
    expect(sent('resolve')).toEqual([]);
    expect((await missingStates()).filter((s) => s.status === 'firing').map((s) => s.dedupKey).sort()).toEqual(firing);

    // The config now defines its SLOs, and api-missing has none: its alerts resolve, saying why.
    const slo = { name: 'products-availability', journey: 'api-products', sli: { kind: 'availability' }, objective: 99 };
    await writeFile(join(cwd, 'outpost.config.ts'), serveConfig(defaults, { slos: [slo], alerting }));
    const changed = await startServe([], { cwd, env });
    await eventually(() => sent('resolve').length >= firing.length, 'the removed SLO\'s alerts to resolve', 90_000);
    expect((await stopServe(changed, db)).exit.code).toBe(0);
    const resolves = sent('resolve');
    expect(resolves.map((a) => a.dedupKey).sort()).toEqual(firing);
    expect(resolves.every((a) => a.state === 'resolved' && a.reason === 'SLO removed from config' && a.slo === 'api-missing-availability')).toBe(true);
    expect((await missingStates()).every((s) => s.status === 'resolved')).toBe(true);
  }, 300_000);
});
