import { AggregationTemporality, InstrumentType, type AggregationTemporalitySelector, type PushMetricExporter } from '@opentelemetry/sdk-metrics';

const GAUGES = new Set<InstrumentType>([InstrumentType.GAUGE, InstrumentType.OBSERVABLE_GAUGE]);

/**
 * Cumulative for everything but gauges, which get delta. Under cumulative temporality the JS
 * SDK keeps re-exporting the last value of every gauge series ever observed, so an SLO the
 * scoring engine stopped reporting (or an engine that died) would show a stale, healthy budget
 * forever. With delta a gauge reports exactly what its callback observed in this collection;
 * OTLP gauges carry no temporality, so collectors see no difference otherwise.
 */
export function freshGauges(fallback: AggregationTemporalitySelector): AggregationTemporalitySelector {
  return (type) => (GAUGES.has(type) ? AggregationTemporality.DELTA : fallback(type));
}

/** `exporter` with {@link freshGauges} applied over its own temporality choice. */
export function withFreshGauges(exporter: PushMetricExporter): PushMetricExporter {
  const own: AggregationTemporalitySelector = (type) => exporter.selectAggregationTemporality?.(type) ?? AggregationTemporality.CUMULATIVE;
  const fresh: PushMetricExporter = {
    export: (metrics, done) => exporter.export(metrics, done),
    forceFlush: () => exporter.forceFlush(),
    shutdown: () => exporter.shutdown(),
    selectAggregationTemporality: freshGauges(own),
  };
  if (exporter.selectAggregation) fresh.selectAggregation = exporter.selectAggregation.bind(exporter);
  return fresh;
}
