import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { AggregationTemporality, DataPointType, type MetricData, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { formatAttributes, writeToStderr, type LineWriter } from './console-line.js';

/**
 * Prints every data point of a collection as one line, for debugging without a collector:
 * `metric outpost.journey.runs{journey=checkout status=passed} 3` or, for histograms,
 * `metric outpost.journey.duration{…} count=3 sum=4.2 buckets=[0.05:0,0.1:0,…,+Inf:0]`.
 */
export class ConsoleMetricExporter implements PushMetricExporter {
  constructor(private readonly write: LineWriter = writeToStderr) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    try {
      for (const scope of metrics.scopeMetrics) for (const metric of scope.metrics) for (const line of formatMetric(metric)) this.write(line);
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}

/** One line per data point of a metric. */
export function formatMetric(metric: MetricData): string[] {
  const name = metric.descriptor.name;
  switch (metric.dataPointType) {
    case DataPointType.HISTOGRAM:
      return metric.dataPoints.map((point) => {
        const { boundaries, counts } = point.value.buckets;
        const buckets = counts.map((count, i) => `${boundaries[i] ?? '+Inf'}:${count}`).join(',');
        return `metric ${name}{${formatAttributes(point.attributes)}} count=${point.value.count} sum=${point.value.sum ?? 0} buckets=[${buckets}]`;
      });
    case DataPointType.EXPONENTIAL_HISTOGRAM:
      return metric.dataPoints.map((point) => `metric ${name}{${formatAttributes(point.attributes)}} count=${point.value.count} sum=${point.value.sum ?? 0}`);
    default:
      return metric.dataPoints.map((point) => `metric ${name}{${formatAttributes(point.attributes)}} ${point.value}`);
  }
}
