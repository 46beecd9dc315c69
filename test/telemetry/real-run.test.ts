import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journey, step } from '../../src/index.js';
import { startRunnerHarness, type RunnerHarness } from '../helpers/runner-harness.js';
import { startTelemetryHarness } from './telemetry-harness.js';

let runner: RunnerHarness;
beforeAll(async () => {
  runner = await startRunnerHarness();
});
afterAll(async () => {
  await runner.close();
});

const browseAndFail = journey({
  name: 'browse and fail',
  cuj: { id: 'browse' },
  steps: [
    step('open home', async ({ page, expect }) => {
      await page.goto('/');
      await expect(page.getByRole('searchbox', { name: 'Search products' })).toBeVisible();
    }),
    step('list products', async ({ request, expect }) => {
      expect((await request.get('/api/products')).status()).toBe(200);
    }),
    step('find the unicorn', async ({ request, expect }) => {
      expect((await request.get('/api/products/unicorn')).status()).toBe(200);
    }),
    step('never reached', async () => {}),
  ],
});

describe('a real run in Chromium against the demo shop', () => {
  it('exports its trace, and the shop sees each request as a child of the step that made it', async () => {
    const telemetry = await startTelemetryHarness('http/protobuf');
    runner.shop.clearRequests();
    const result = await runner.run(browseAndFail, { observer: telemetry.telemetry.observer });
    await telemetry.close();

    expect(result.status).toBe('failed');
    const spans = telemetry.receiver.spans;
    const root = spans.find((span) => span.name === 'journey browse and fail')!;
    expect(root).toMatchObject({ status: { code: 2 }, attributes: { 'outpost.run.id': result.id, 'outpost.journey.status': 'failed' } });
    // The result keeps the trace id, so the dashboard can link the run to the user's tracing UI.
    expect(result.traceId).toBe(root.traceId);
    expect(result.traceId).toMatch(/^[0-9a-f]{32}$/);
    const stepSpan = (name: string) => spans.find((span) => span.name === `step ${name}`)!;
    expect(['open home', 'list products', 'find the unicorn', 'never reached'].map((name) => stepSpan(name).parentSpanId)).toEqual([root.spanId, root.spanId, root.spanId, root.spanId]);
    expect(stepSpan('find the unicorn').status.code).toBe(2);
    expect(stepSpan('never reached').attributes['outpost.step.status']).toBe('skipped');

    const apiSpan = spans.find((span) => span.kind === 3 && String(span.attributes['url.full']).endsWith('/api/products'))!;
    expect(apiSpan).toMatchObject({ name: 'GET', parentSpanId: stepSpan('list products').spanId, attributes: { 'http.response.status_code': 200, 'outpost.request.propagated': true } });
    const documentSpan = spans.find((span) => span.kind === 3 && span.attributes['outpost.request.resource_type'] === 'document')!;
    expect(documentSpan.parentSpanId).toBe(stepSpan('open home').spanId);

    const seenByShop = runner.shop.requests().filter((request) => request.path === '/api/products' || request.path === '/api/products/unicorn');
    expect(seenByShop.map((request) => [request.path, request.traceId, request.parentSpanId, request.tracestate])).toEqual([
      ['/api/products', root.traceId, stepSpan('list products').spanId, 'outpost=synthetic'],
      ['/api/products/unicorn', root.traceId, stepSpan('find the unicorn').spanId, 'outpost=synthetic'],
    ]);
  });
});
