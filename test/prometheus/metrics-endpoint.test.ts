import type { Attributes, Meter } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusReader, startMetricsServer, type MetricsServer, type PrometheusReaderOptions } from '../../exporters/prometheus/index.js';
import type { JourneyResult, RunStatus, StepStatus } from '../../src/journey/index.js';
import { prometheusMissingReason, startPrometheus, type PrometheusServer, type PromSample } from '../helpers/prometheus-server.js';

if (prometheusMissingReason) console.warn(`[metrics-endpoint] skipping the real-Prometheus scrape tests: ${prometheusMissingReason}`);

const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120];

/**
 * Records finished runs the way src/telemetry's JourneyMetrics does (same names, units, buckets
 * and attributes; skipped steps are counted, not timed). Not imported because src/telemetry has
 * no index.ts yet; the end-to-end test will use telemetry's own recorder once it does.
 */
function runRecorder(meter: Meter): (result: JourneyResult) => void {
  const journeyDuration = meter.createHistogram('outpost.journey.duration', {
    unit: 's', description: 'Duration of a journey run', advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  const stepDuration = meter.createHistogram('outpost.step.duration', {
    unit: 's', description: 'Duration of a step', advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  const journeyRuns = meter.createCounter('outpost.journey.runs', { unit: '{run}', description: 'Journey runs' });
  const stepRuns = meter.createCounter('outpost.step.runs', { unit: '{step}', description: 'Step runs' });
  return (result) => {
    const run = { journey: result.journey, cuj: result.cuj.id, location: result.location, target: result.target.name };
    journeyDuration.record(result.durationMs / 1000, { ...run, status: result.status });
    journeyRuns.add(1, { ...run, status: result.status });
    for (const step of result.steps) {
      const attributes: Attributes = { ...run, step: step.name, status: step.status };
      stepRuns.add(1, attributes);
      if (step.status !== 'skipped') stepDuration.record(step.durationMs / 1000, attributes);
    }
  };
}

/** A checkout run with two steps; the second fails unless the run passed. */
function checkoutRun(status: RunStatus, seconds: number): JourneyResult {
  const payStatus: StepStatus = status === 'passed' ? 'passed' : status === 'timedOut' ? 'timedOut' : 'failed';
  return {
    id: `run-${status}-${seconds}`, journey: 'checkout', cuj: { id: 'purchase' }, location: 'test-lab',
    target: { name: 'demo-shop', url: 'http://127.0.0.1:1/' }, startedAt: new Date(0).toISOString(),
    durationMs: seconds * 1000, status, attempt: 1, artifacts: {}, tags: [],
    steps: [
      { index: 0, name: 'open shop', soft: false, status: 'passed', durationMs: 100 },
      { index: 1, name: 'pay', soft: false, status: payStatus, durationMs: seconds * 1000 - 100 },
    ],
  };
}

/** Journey durations: passed 0.3, 0.4, 0.7 s; failed 1.5 s; timedOut 3 s. */
const RUNS = [checkoutRun('passed', 0.3), checkoutRun('passed', 0.4), checkoutRun('passed', 0.7), checkoutRun('failed', 1.5), checkoutRun('timedOut', 3)];

interface Endpoint {
  server: MetricsServer;
  record: (result: JourneyResult) => void;
  close(): Promise<void>;
}

async function startEndpoint(options?: PrometheusReaderOptions): Promise<Endpoint> {
  const prometheus = createPrometheusReader(options);
  const provider = new MeterProvider({ readers: [prometheus.reader] });
  const record = runRecorder(provider.getMeter('outpost'));
  const server = await startMetricsServer({ reader: prometheus });
  return { server, record, close: async () => (await server.close(), await provider.shutdown()) };
}

async function scrape(url: string): Promise<{ status: number; contentType: string | null; body: string }> {
  const response = await fetch(url);
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
}

describe('the /metrics endpoint', () => {
  let endpoint: Endpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint();
    RUNS.forEach(endpoint.record);
  });
  afterAll(() => endpoint.close());

  it('binds 127.0.0.1 on a free port by default', () => {
    expect(endpoint.server.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/metrics$/);
  });

  it('serves the text format with Prometheus names, HELP/TYPE lines and cumulative buckets', async () => {
    const { status, contentType, body } = await scrape(endpoint.server.url);
    expect(status).toBe(200);
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = body.split('\n');
    expect(lines).toContain('# HELP outpost_journey_runs_total Journey runs');
    expect(lines).toContain('# TYPE outpost_journey_runs_total counter');
    expect(lines).toContain('# HELP outpost_journey_duration_seconds Duration of a journey run');
    expect(lines).toContain('# TYPE outpost_journey_duration_seconds histogram');
    expect(lines).toContain('# TYPE outpost_step_duration_seconds histogram');
    expect(lines).toContain('# TYPE outpost_step_runs_total counter');
    const passed = 'journey="checkout",cuj="purchase",location="test-lab",target="demo-shop",status="passed"';
    expect(lines).toContain(`outpost_journey_runs_total{${passed}} 3`);
    expect(lines).toContain(`outpost_journey_duration_seconds_bucket{${passed},le="0.25"} 0`);
    expect(lines).toContain(`outpost_journey_duration_seconds_bucket{${passed},le="0.5"} 2`);
    expect(lines).toContain(`outpost_journey_duration_seconds_bucket{${passed},le="1"} 3`);
    expect(lines).toContain(`outpost_journey_duration_seconds_bucket{${passed},le="+Inf"} 3`);
    expect(lines).toContain(`outpost_journey_duration_seconds_count{${passed}} 3`);
  });

  it('leaves out target_info and scope labels by default', async () => {
    const { body } = await scrape(endpoint.server.url);
    expect(body).not.toContain('target_info');
    expect(body).not.toContain('otel_scope_name');
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    const base = new URL(endpoint.server.url);
    expect((await fetch(new URL('/', base))).status).toBe(404);
    expect((await fetch(new URL('/metrics/extra', base))).status).toBe(404);
    const post = await fetch(endpoint.server.url, { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });
});

describe('reader options and failures', () => {
  it('adds target_info and scope labels when asked', async () => {
    const endpoint = await startEndpoint({ targetInfo: true, scopeLabels: true });
    endpoint.record(checkoutRun('passed', 0.3));
    const { body } = await scrape(endpoint.server.url);
    await endpoint.close();
    expect(body).toContain('# TYPE target_info gauge');
    expect(body).toMatch(/^outpost_journey_runs_total\{.*otel_scope_name="outpost".*\} 1$/m);
  });

  it('answers 500 when the reader is not registered on a MeterProvider', async () => {
    const server = await startMetricsServer({ reader: createPrometheusReader() });
    const { status } = await scrape(server.url);
    await server.close();
    expect(status).toBe(500);
  });
});

describe.skipIf(prometheusMissingReason !== undefined)('scraped by a real Prometheus', () => {
  let endpoint: Endpoint;
  let prometheus: PrometheusServer;
  const JOURNEY = '{journey="checkout",job="outpost"}';
  const byStatus = (result: PromSample[]) => Object.fromEntries(result.map((s) => [s.metric.status, s.value]));

  beforeAll(async () => {
    endpoint = await startEndpoint();
    RUNS.forEach(endpoint.record);
    prometheus = await startPrometheus({ target: endpoint.server.url });
  });
  afterAll(async () => {
    await prometheus?.stop();
    await endpoint?.close();
  });

  it('counts journey runs by status', async () => {
    const result = await prometheus.waitFor(`outpost_journey_runs_total${JOURNEY}`, (r) => r.length === 3);
    expect(byStatus(result)).toEqual({ passed: 3, failed: 1, timedOut: 1 });
  });

  it('counts step runs by status', async () => {
    const result = await prometheus.waitFor('outpost_step_runs_total{step="pay"}', (r) => r.length === 3);
    expect(byStatus(result)).toEqual({ passed: 3, failed: 1, timedOut: 1 });
  });

  it('stores cumulative duration buckets', async () => {
    const query = `sum by (le) (outpost_journey_duration_seconds_bucket${JOURNEY})`;
    const result = await prometheus.waitFor(query, (r) => r.length === DURATION_BUCKETS.length + 1);
    const byLe = Object.fromEntries(result.map((s) => [s.metric.le, s.value]));
    // 0.3, 0.4, 0.7, 1.5 and 3 seconds.
    expect(byLe).toMatchObject({ '0.25': 0, '0.5': 2, '1': 3, '2.5': 4, '5': 5, '120': 5, '+Inf': 5 });
  });

  it('gives histogram_quantile a median inside the bucket holding the true median', async () => {
    const query = `histogram_quantile(0.5, sum by (le) (outpost_journey_duration_seconds_bucket${JOURNEY}))`;
    const [median] = await prometheus.waitFor(query, (r) => r.length === 1);
    // Rank 2.5 of 5 falls in (0.5, 1], which holds 1 of the runs (0.7 s) above 2 below:
    // linear interpolation gives 0.5 + 0.5 × (2.5 − 2) / 1 = 0.75.
    expect(median?.value).toBeCloseTo(0.75, 10);
  });

  it('follows new runs on the next scrape', async () => {
    endpoint.record(checkoutRun('failed', 2));
    const result = await prometheus.waitFor(`outpost_journey_runs_total${JOURNEY}`, (r) => byStatus(r).failed === 2);
    expect(byStatus(result)).toEqual({ passed: 3, failed: 2, timedOut: 1 });
  });
});
