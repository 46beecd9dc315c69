import { AggregationTemporality } from '@opentelemetry/sdk-metrics';
import { createPrometheusReader, type PrometheusReader } from '../../exporters/prometheus/index.js';
import { freshGauges } from '../telemetry/index.js';

/**
 * The Prometheus pull reader for `/metrics`, to register on the telemetry MeterProvider
 * (`extraMetricReaders`). Counters and histograms are cumulative, as Prometheus expects; gauges
 * report only what their callbacks observe at each scrape (see `freshGauges`), so a gauge series
 * nobody reports any more disappears instead of repeating its last value forever.
 */
export function createServeMetricsReader(): PrometheusReader {
  const prometheus = createPrometheusReader();
  prometheus.reader.selectAggregationTemporality = freshGauges(() => AggregationTemporality.CUMULATIVE);
  return prometheus;
}
