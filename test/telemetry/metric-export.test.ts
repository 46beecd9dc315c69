import { afterEach, describe, expect, it } from 'vitest';
import { DURATION_BUCKETS_SECONDS, INSTRUMENTS, registerSloGauges, type SloReading } from '../../src/telemetry/index.js';
import type { ReceivedPoint } from '../helpers/otlp-receiver.js';
import { FAILING_CHECKOUT, PASSING_CHECKOUT, simulateRun } from './synthetic-runs.js';
import { PROTOCOLS, startTelemetryHarness, type TelemetryHarness } from './telemetry-harness.js';

const RUN_LABELS = { journey: 'checkout', cuj: 'buy-a-thing', location: 'test-lab', target: 'demo-shop' };

describe.each(PROTOCOLS)('metric export over OTLP %s', (protocol) => {
  let harness: TelemetryHarness;
  afterEach(() => harness.close());

  const point = (metric: string, attributes: Record<string, string>): ReceivedPoint => {
    const found = harness.receiver.metric(metric).filter((p) => Object.entries(attributes).every(([key, value]) => p.attributes[key] === value));
    expect(found, `${metric} ${JSON.stringify(attributes)}`).toHaveLength(1);
    return found[0]!;
  };

  async function runAndShutdown(): Promise<void> {
    harness = await startTelemetryHarness(protocol);
    simulateRun(harness.telemetry.observer, PASSING_CHECKOUT, 'run-1');
    simulateRun(harness.telemetry.observer, { ...PASSING_CHECKOUT, durationMs: 40 }, 'run-2');
    simulateRun(harness.telemetry.observer, FAILING_CHECKOUT, 'run-3');
    await harness.telemetry.shutdown();
    expect(harness.receiver.errors).toEqual([]);
  }

  it('exports journey durations as a histogram in seconds, with real buckets, by status', async () => {
    await runAndShutdown();

    const passed = point(INSTRUMENTS.journeyDuration, { status: 'passed' });
    expect(passed).toMatchObject({ type: 'histogram', unit: 's', attributes: { ...RUN_LABELS, status: 'passed' }, count: 2, sum: 2.04 });
    expect(passed.explicitBounds).toEqual(DURATION_BUCKETS_SECONDS);
    // 0.04 s falls in the first bucket (≤ 0.05), 2 s in (1, 2.5].
    expect(passed.bucketCounts).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    const failed = point(INSTRUMENTS.journeyDuration, { status: 'failed' });
    expect(failed).toMatchObject({ count: 1, sum: 3 });
    expect(failed.bucketCounts).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('exports step durations per step and status, and does not time skipped steps', async () => {
    await runAndShutdown();

    const pay = point(INSTRUMENTS.stepDuration, { step: 'pay' });
    expect(pay).toMatchObject({ type: 'histogram', unit: 's', attributes: { ...RUN_LABELS, step: 'pay', status: 'failed' }, count: 1, sum: 2 });
    expect(pay.bucketCounts).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(point(INSTRUMENTS.stepDuration, { step: 'open shop' })).toMatchObject({ count: 2, sum: 0.8 });
    expect(harness.receiver.metric(INSTRUMENTS.stepDuration).filter((p) => p.attributes.step === 'receipt')).toEqual([]);
  });

  it('counts runs and steps by status', async () => {
    await runAndShutdown();

    expect(point(INSTRUMENTS.journeyRuns, { status: 'passed' })).toMatchObject({ type: 'sum', value: 2, attributes: { ...RUN_LABELS, status: 'passed' } });
    expect(point(INSTRUMENTS.journeyRuns, { status: 'failed' }).value).toBe(1);
    expect(harness.receiver.metric(INSTRUMENTS.journeyRuns)).toHaveLength(2);
    expect(point(INSTRUMENTS.stepRuns, { step: 'open shop', status: 'passed' }).value).toBe(2);
    expect(point(INSTRUMENTS.stepRuns, { step: 'pay', status: 'failed' }).value).toBe(1);
    expect(point(INSTRUMENTS.stepRuns, { step: 'banner', status: 'failed' }).value).toBe(1);
    expect(point(INSTRUMENTS.stepRuns, { step: 'receipt', status: 'skipped' })).toMatchObject({ value: 1, attributes: { ...RUN_LABELS, step: 'receipt', status: 'skipped' } });
  });

  it('labels each attempt with what it means for its probe, so SLO rules count confirmed failures only', async () => {
    harness = await startTelemetryHarness(protocol);
    // A flake: attempt 1 of 2 failed, the retry passed. A confirmed failure: both attempts failed. A plain pass.
    simulateRun(harness.telemetry.observer, { ...FAILING_CHECKOUT, attempt: 1, maxAttempts: 2 }, 'flake-1');
    simulateRun(harness.telemetry.observer, { ...PASSING_CHECKOUT, attempt: 2, maxAttempts: 2 }, 'flake-2');
    simulateRun(harness.telemetry.observer, { ...FAILING_CHECKOUT, attempt: 1, maxAttempts: 2 }, 'down-1');
    simulateRun(harness.telemetry.observer, { ...FAILING_CHECKOUT, attempt: 2, maxAttempts: 2 }, 'down-2');
    simulateRun(harness.telemetry.observer, PASSING_CHECKOUT, 'ok');
    await harness.telemetry.shutdown();

    const runs = harness.receiver.metric(INSTRUMENTS.journeyRuns).map((p) => [p.attributes.status, p.attributes.outcome, p.value]);
    expect(runs.sort()).toEqual([
      ['failed', 'failed', 1],
      ['failed', 'retried', 2],
      ['passed', 'degraded', 1],
      ['passed', 'passed', 1],
    ]);
    expect(point(INSTRUMENTS.journeyDuration, { outcome: 'failed' })).toMatchObject({ count: 1, attributes: { ...RUN_LABELS, status: 'failed', outcome: 'failed' } });
    expect(point(INSTRUMENTS.stepRuns, { step: 'pay', outcome: 'retried' }).value).toBe(2);
  });

  it('keeps counting across flushes (cumulative)', async () => {
    harness = await startTelemetryHarness(protocol);
    simulateRun(harness.telemetry.observer, PASSING_CHECKOUT, 'run-1');
    await harness.telemetry.forceFlush();
    simulateRun(harness.telemetry.observer, PASSING_CHECKOUT, 'run-2');
    await harness.telemetry.shutdown();

    expect(harness.receiver.metric(INSTRUMENTS.journeyRuns).map((p) => p.value)).toEqual([1, 2]);
  });

  it('exports the SLO gauges a source reports, on the same meter provider', async () => {
    harness = await startTelemetryHarness(protocol);
    let readings: SloReading[] = [
      { slo: 'checkout-availability', cuj: 'buy-a-thing', sli: 0.999, errorBudgetRemaining: 0.5, burnRates: [{ window: '1h', rate: 2 }] },
      { slo: 'retired', sli: 0.5 },
    ];
    registerSloGauges(harness.telemetry.meterProvider.getMeter('outpost'), { readings: () => readings });
    await harness.telemetry.forceFlush();
    readings = [{ slo: 'checkout-availability', cuj: 'buy-a-thing', sli: 0.998, errorBudgetRemaining: 0.4, burnRates: [{ window: '1h', rate: 3 }] }];
    await harness.telemetry.shutdown();

    const sli = harness.receiver.metric(INSTRUMENTS.sloSli);
    expect(sli.map((p) => [p.type, p.attributes.slo, p.value])).toEqual([
      ['gauge', 'checkout-availability', 0.999],
      ['gauge', 'retired', 0.5],
      ['gauge', 'checkout-availability', 0.998],
    ]);
    expect(harness.receiver.metric(INSTRUMENTS.sloErrorBudgetRemaining).map((p) => p.value)).toEqual([0.5, 0.4]);
    expect(harness.receiver.metric(INSTRUMENTS.sloBurnRate).at(-1)).toMatchObject({ value: 3, attributes: { slo: 'checkout-availability', cuj: 'buy-a-thing', window: '1h' } });
  });
});
