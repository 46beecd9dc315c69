import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import { startHttpReceiver, type HttpReceiver } from '../helpers/http-receiver.js';
import { cleanUp, eventually, serveProject, startServe, stopServe } from './serve-harness.js';

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
  alert: { kind: string; state: string; dedupKey: string; slo: string; severity: string; failingStep: { name: string } | null };
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
});
