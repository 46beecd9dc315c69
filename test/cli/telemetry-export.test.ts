import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import { makeProject, runCli } from '../helpers/cli.js';
import { closedPortUrl, startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';

const BROWSE = `import { journey, step } from 'outpost';
export default journey({
  name: 'browse', cuj: { id: 'browse-and-search' },
  steps: [
    step('open home', async ({ page }) => { await page.goto('/'); }),
    step('search', async ({ page, expect }) => {
      await page.getByRole('searchbox', { name: 'Search products' }).fill('mug');
      await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
      await expect(page.getByTestId('result').first()).toBeVisible();
    }),
  ],
});
`;

const API_FAILING = `import { journey, step } from 'outpost';
export default journey({
  name: 'api-broken', cuj: { id: 'catalog-api' },
  steps: [
    step('list', async ({ request, expect }) => { expect((await request.get('/api/products')).status()).toBe(200); }),
    step('expect a missing product', async ({ request, expect }) => { expect((await request.get('/api/products/nope')).status()).toBe(200); }),
  ],
});
`;

let shop: DemoShop;
let receiver: OtlpReceiver;
let cwd: string;
beforeAll(async () => {
  shop = await startDemoShop({ port: 0 });
  receiver = await startOtlpReceiver();
  cwd = await makeProject({
    // A long metric interval: the points can only arrive through the flush at exit.
    'outpost.config.ts': `export default { telemetry: { serviceName: 'probe-test', metricsInterval: '10m', otlp: { endpoint: process.env.TEST_OTLP_URL } } };\n`,
    'journeys/browse.journey.ts': BROWSE,
    'journeys/api.journey.ts': API_FAILING,
  });
});
afterAll(async () => {
  await receiver.close();
  await shop.close();
  await rm(cwd, { recursive: true, force: true });
});
beforeEach(() => {
  receiver.spans.length = 0;
  receiver.points.length = 0;
  receiver.requests.length = 0;
  receiver.setMode('accept');
  shop.clearRequests();
});

describe.each(['http/protobuf', 'http/json'] as const)('outpost run exports over OTLP %s', (protocol) => {
  it('flushes every span and data point before it exits', async () => {
    const result = await runCli(['run', '--target', shop.url, '--location', 'ci'], {
      cwd,
      env: { TEST_OTLP_URL: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: protocol, OTEL_SERVICE_NAME: undefined },
    });
    expect(result.code).toBe(1);
    expect(receiver.errors).toEqual([]);
    expect(new Set(receiver.requests.map((r) => r.encoding))).toEqual(new Set([protocol === 'http/json' ? 'json' : 'protobuf']));

    const spans = receiver.spans;
    const roots = spans.filter((s) => s.parentSpanId === undefined);
    expect(roots.map((s) => s.name).sort()).toEqual(['journey api-broken', 'journey browse']);
    for (const root of roots) expect(root.resource['service.name']).toBe('probe-test');

    const browse = roots.find((s) => s.name === 'journey browse')!;
    expect(browse.status.code).not.toBe(2);
    expect(browse.attributes).toMatchObject({ 'outpost.journey.name': 'browse', 'outpost.cuj.id': 'browse-and-search', 'outpost.location': 'ci', 'outpost.journey.status': 'passed' });
    const browseSteps = spans.filter((s) => s.parentSpanId === browse.spanId).sort((a, b) => a.startTimeMs - b.startTimeMs);
    expect(browseSteps.map((s) => s.name)).toEqual(['step open home', 'step search']);
    const homeRequests = spans.filter((s) => s.parentSpanId === browseSteps[0]!.spanId);
    expect(homeRequests.some((s) => s.kind === 3 && s.attributes['url.full'] === `${shop.url}/` && s.attributes['http.response.status_code'] === 200)).toBe(true);

    // The shop saw each step's span as the parent of the requests made in that step.
    const seenHome = shop.requests().find((r) => r.method === 'GET' && r.path === '/');
    expect(seenHome).toMatchObject({ traceId: browse.traceId, parentSpanId: browseSteps[0]!.spanId });
    const seenSearch = shop.requests().find((r) => r.path.startsWith('/search'));
    expect(seenSearch).toMatchObject({ traceId: browse.traceId, parentSpanId: browseSteps[1]!.spanId });

    const broken = roots.find((s) => s.name === 'journey api-broken')!;
    expect(broken.status.code).toBe(2);
    const failedStep = spans.find((s) => s.parentSpanId === broken.spanId && s.name === 'step expect a missing product')!;
    expect(failedStep.status.code).toBe(2);
    expect(failedStep.events.some((e) => e.name === 'exception' && String(e.attributes['exception.message']).includes('toBe'))).toBe(true);

    const runs = receiver.metric('outpost.journey.runs');
    const byStatus = Object.fromEntries(runs.map((p) => [`${p.attributes['journey']}:${p.attributes['status']}`, p.value]));
    expect(byStatus).toEqual({ 'browse:passed': 1, 'api-broken:failed': 1 });
    const durations = receiver.metric('outpost.journey.duration');
    expect(durations.reduce((n, p) => n + (p.count ?? 0), 0)).toBe(2);
    expect(durations.every((p) => p.bucketCounts!.reduce((a, b) => a + b, 0) === p.count)).toBe(true);
  });
});

describe('bad telemetry settings', () => {
  it('exit 2 before any journey runs, naming the variable', async () => {
    const result = await runCli(['run', '--target', shop.url], { cwd, env: { TEST_OTLP_URL: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('grpc');
    expect(result.stdout).toBe('');
  });
});

describe('a collector that is down or stuck', () => {
  it('does not fail the run, and warns once', async () => {
    const down = await closedPortUrl();
    const result = await runCli(['run', '--target', shop.url, 'journeys/browse.journey.ts'], { cwd, env: { TEST_OTLP_URL: down } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 passed, 0 failed/);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('warning: ')).length).toBe(1);
  });

  it('a hanging collector still lets the CLI finish and exit 0', async () => {
    receiver.setMode('hang');
    const result = await runCli(['run', '--target', shop.url, 'journeys/browse.journey.ts'], { cwd, env: { TEST_OTLP_URL: receiver.url, OTEL_EXPORTER_OTLP_TIMEOUT: '1000' } });
    expect(result.code).toBe(0);
    expect(result.signal).toBeNull();
    expect(result.stdout).toMatch(/1 passed, 0 failed/);
  });
});
