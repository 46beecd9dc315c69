import { ValueType } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, DataPointType, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { prometheusUnit, withPrometheusNames } from './prometheus-names.js';

describe('prometheusUnit', () => {
  it.each([
    ['s', DataPointType.HISTOGRAM, 'seconds'],
    ['ms', DataPointType.HISTOGRAM, 'milliseconds'],
    ['By', DataPointType.SUM, 'bytes'],
    ['{run}', DataPointType.SUM, ''],
    ['', DataPointType.SUM, ''],
    ['1', DataPointType.GAUGE, 'ratio'],
    ['1', DataPointType.SUM, ''],
    ['By/s', DataPointType.GAUGE, 'bytes_per_second'],
    ['{request}/s', DataPointType.GAUGE, 'per_second'],
    ['widgets', DataPointType.GAUGE, 'widgets'],
  ])('maps %j on a %s to %j', (unit, type, expected) => {
    expect(prometheusUnit(unit, type)).toBe(expected);
  });
});

function metric(name: string, unit: string, dataPointType: DataPointType.SUM | DataPointType.GAUGE): MetricData {
  const descriptor = { name, unit, description: '', valueType: ValueType.DOUBLE };
  const common = { descriptor, aggregationTemporality: AggregationTemporality.CUMULATIVE, dataPoints: [] };
  return dataPointType === DataPointType.SUM ? { ...common, dataPointType, isMonotonic: true } : { ...common, dataPointType };
}

function collected(...metrics: MetricData[]): ResourceMetrics {
  return { resource: resourceFromAttributes({}), scopeMetrics: [{ scope: { name: 'outpost' }, metrics }] };
}

describe('withPrometheusNames', () => {
  it('appends the unit once, rewrites the unit, and leaves the input untouched', () => {
    const input = collected(metric('outpost.journey.duration', 's', DataPointType.GAUGE), metric('queue.wait_seconds', 's', DataPointType.GAUGE));
    const output = withPrometheusNames(input);
    expect(output.scopeMetrics[0]?.metrics.map((m) => [m.descriptor.name, m.descriptor.unit])).toEqual([
      ['outpost.journey.duration_seconds', 'seconds'],
      ['queue.wait_seconds', 'seconds'],
    ]);
    expect(input.scopeMetrics[0]?.metrics[0]?.descriptor).toMatchObject({ name: 'outpost.journey.duration', unit: 's' });
  });

  it('adds nothing for annotation units, so counters end in _total only', () => {
    const output = withPrometheusNames(collected(metric('outpost.journey.runs', '{run}', DataPointType.SUM)));
    expect(output.scopeMetrics[0]?.metrics[0]?.descriptor).toMatchObject({ name: 'outpost.journey.runs', unit: '' });
  });
});
