import { AggregationTemporality, DataPointType, MeterProvider, MetricReader, type MetricData } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { freshGauges } from './gauge-temporality.js';
import { INSTRUMENTS } from './instrument-names.js';
import { registerSloGauges, type SloGaugeSource, type SloReading } from './slo-gauges.js';

/** A pull reader, as the Prometheus endpoint is, with the gauge temporality Outpost's push readers use. */
class PullReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: freshGauges(() => AggregationTemporality.CUMULATIVE) });
  }

  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}

  async points(name: string): Promise<{ value: number; attributes: Record<string, unknown> }[]> {
    const { resourceMetrics } = await this.collect();
    const metric = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((m: MetricData) => m.descriptor.name === name);
    if (metric === undefined) return [];
    expect(metric.dataPointType).toBe(DataPointType.GAUGE);
    return metric.dataPoints.map((point) => ({ value: point.value as number, attributes: point.attributes }));
  }
}

/** A fake scoring engine whose readings the test changes between collections. */
class FakeSource implements SloGaugeSource {
  current: SloReading[] = [];
  calls = 0;
  readings(): SloReading[] {
    this.calls++;
    return this.current;
  }
}

function setup() {
  const reader = new PullReader();
  const provider = new MeterProvider({ readers: [reader] });
  const source = new FakeSource();
  const stop = registerSloGauges(provider.getMeter('test'), source);
  return { reader, source, stop };
}

describe('registerSloGauges', () => {
  it('observes the SLI, the budget left and a burn rate per window from the source', async () => {
    const { reader, source } = setup();
    source.current = [
      { slo: 'checkout-availability', cuj: 'buy-a-thing', sli: 0.9985, errorBudgetRemaining: 0.42, burnRates: [{ window: '1h', rate: 14.4 }, { window: '5m', rate: 20 }] },
      { slo: 'search-latency', sli: 1 },
    ];

    expect(await reader.points(INSTRUMENTS.sloSli)).toEqual([
      { value: 0.9985, attributes: { slo: 'checkout-availability', cuj: 'buy-a-thing' } },
      { value: 1, attributes: { slo: 'search-latency' } },
    ]);
    expect(await reader.points(INSTRUMENTS.sloErrorBudgetRemaining)).toEqual([{ value: 0.42, attributes: { slo: 'checkout-availability', cuj: 'buy-a-thing' } }]);
    expect(await reader.points(INSTRUMENTS.sloBurnRate)).toEqual([
      { value: 14.4, attributes: { slo: 'checkout-availability', cuj: 'buy-a-thing', window: '1h' } },
      { value: 20, attributes: { slo: 'checkout-availability', cuj: 'buy-a-thing', window: '5m' } },
    ]);
  });

  it('asks the source once per collection and reports what it says now', async () => {
    const { reader, source } = setup();
    source.current = [{ slo: 'a', errorBudgetRemaining: 0.9 }];
    expect((await reader.points(INSTRUMENTS.sloErrorBudgetRemaining)).map((p) => p.value)).toEqual([0.9]);
    source.current = [{ slo: 'a', errorBudgetRemaining: -0.2 }];
    expect((await reader.points(INSTRUMENTS.sloErrorBudgetRemaining)).map((p) => p.value)).toEqual([-0.2]);
    expect(source.calls).toBe(2);
  });

  it('skips values that are not finite numbers', async () => {
    const { reader, source } = setup();
    source.current = [{ slo: 'a', sli: Number.NaN, burnRates: [{ window: '1h', rate: Number.POSITIVE_INFINITY }] }];
    expect(await reader.points(INSTRUMENTS.sloSli)).toEqual([]);
    expect(await reader.points(INSTRUMENTS.sloBurnRate)).toEqual([]);
  });

  it('stops reporting an SLO the source no longer returns', async () => {
    const { reader, source } = setup();
    source.current = [{ slo: 'a', sli: 0.9 }, { slo: 'retired', sli: 0.1 }];
    expect(await reader.points(INSTRUMENTS.sloSli)).toHaveLength(2);
    source.current = [{ slo: 'a', sli: 0.95 }];
    expect(await reader.points(INSTRUMENTS.sloSli)).toEqual([{ value: 0.95, attributes: { slo: 'a' } }]);
  });

  it('reports nothing (rather than stale values) while the source throws', async () => {
    const { reader, source } = setup();
    source.current = [{ slo: 'a', sli: 0.5 }];
    expect(await reader.points(INSTRUMENTS.sloSli)).toHaveLength(1);
    source.readings = () => {
      throw new Error('scoring engine not ready');
    };
    expect(await reader.points(INSTRUMENTS.sloSli)).toEqual([]);
  });

  it('stops asking the source once unregistered', async () => {
    const { reader, source, stop } = setup();
    source.current = [{ slo: 'a', sli: 0.5 }];
    await reader.points(INSTRUMENTS.sloSli);
    stop();
    expect(await reader.points(INSTRUMENTS.sloSli)).toEqual([]);
    expect(source.calls).toBe(1);
  });
});
