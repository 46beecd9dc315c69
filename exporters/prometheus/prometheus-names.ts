import type { MetricData, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { DataPointType } from '@opentelemetry/sdk-metrics';

/*
 * OTel → Prometheus metric names, following the OpenTelemetry "Prometheus and OpenMetrics
 * compatibility" spec. `@opentelemetry/exporter-prometheus` 0.301 does only part of it:
 * it replaces characters Prometheus does not allow (`.`, `-`) with `_` and appends `_total`
 * to monotonic sums, but it ignores the unit. Prometheus users expect the unit in the name
 * (`…_duration_seconds_bucket`), so before serializing we append the unit suffix here:
 *
 *   outpost.journey.duration (unit s, histogram) → outpost_journey_duration_seconds_{bucket,sum,count}
 *   outpost.step.duration    (unit s, histogram) → outpost_step_duration_seconds_{bucket,sum,count}
 *   outpost.journey.runs     (unit {run}, counter) → outpost_journey_runs_total
 *   outpost.step.runs        (unit {run}, counter) → outpost_step_runs_total
 *
 * Curly-brace annotations (`{run}`) carry no unit and add nothing; `1` becomes `_ratio` on
 * gauges only; `X/Y` becomes `X_per_Y`; units not in the tables are used as written.
 */

const UNITS: Record<string, string> = {
  d: 'days', h: 'hours', min: 'minutes', s: 'seconds', ms: 'milliseconds', us: 'microseconds', ns: 'nanoseconds',
  By: 'bytes', KiBy: 'kibibytes', MiBy: 'mebibytes', GiBy: 'gibibytes', KBy: 'kilobytes', MBy: 'megabytes', GBy: 'gigabytes',
  '%': 'percent',
};

const PER_UNITS: Record<string, string> = { s: 'second', min: 'minute', h: 'hour', d: 'day', w: 'week' };

function sanitize(text: string): string {
  return text.replace(/[^a-zA-Z0-9_]/g, '_').replace(/_{2,}/g, '_').replace(/^_|_$/g, '');
}

/** The Prometheus unit word for an OTel (UCUM) unit, or '' when the name should not carry one. */
export function prometheusUnit(unit: string, dataPointType: DataPointType): string {
  const plain = unit.replace(/\{[^}]*\}/g, '').trim();
  if (plain === '1') return dataPointType === DataPointType.GAUGE ? 'ratio' : '';
  const [main = '', per] = plain.split('/', 2);
  const mainWord = UNITS[main] ?? main;
  const perWord = per ? `per_${PER_UNITS[per] ?? per}` : '';
  return sanitize([mainWord, perWord].filter(Boolean).join('_'));
}

function withUnitSuffix(metric: MetricData): MetricData {
  const unit = prometheusUnit(metric.descriptor.unit, metric.dataPointType);
  const named = sanitize(metric.descriptor.name);
  const name = unit && !named.endsWith(`_${unit}`) ? `${metric.descriptor.name}_${unit}` : metric.descriptor.name;
  // The unit is rewritten too, so the `# UNIT` comment names the same unit as the suffix.
  return { ...metric, descriptor: { ...metric.descriptor, name, unit } };
}

/**
 * A copy of collected metrics with unit suffixes appended to the names (see the table above).
 * Copies instead of mutating: descriptors are shared with the SDK's metric storage.
 */
export function withPrometheusNames(resourceMetrics: ResourceMetrics): ResourceMetrics {
  return {
    resource: resourceMetrics.resource,
    scopeMetrics: resourceMetrics.scopeMetrics.map((scope) => ({ ...scope, metrics: scope.metrics.map(withUnitSuffix) })),
  };
}
