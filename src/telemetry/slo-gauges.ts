import type { Attributes, BatchObservableResult, Meter, ObservableGauge } from '@opentelemetry/api';
import { METRIC_ATTRIBUTES as M } from './attribute-names.js';
import { INSTRUMENTS } from './instrument-names.js';

/** One SLO's current state, as the scoring engine computes it. */
export interface SloReading {
  /** The SLO's name (`checkout-availability`). */
  slo: string;
  /** The CUJ it is built on, when it has one. */
  cuj?: string;
  /** Good events / all events over the SLO period, 0…1. */
  sli?: number;
  /** Share of the error budget left, 1 = untouched, ≤ 0 = spent. */
  errorBudgetRemaining?: number;
  /** Burn rate per alerting window (`5m`, `1h`, `6h`, …). */
  burnRates?: readonly { window: string; rate: number }[];
}

/** Whatever can say where each SLO stands right now. Called once per metric collection. */
export interface SloGaugeSource {
  readings(): readonly SloReading[];
}

/**
 * THE place where SLO state becomes metrics. The scoring engine calls this once with a source
 * of readings; every collection (OTLP push or Prometheus scrape) then observes:
 * - `outpost.slo.sli{slo,cuj}`
 * - `outpost.slo.error_budget.remaining{slo,cuj}`
 * - `outpost.slo.burn_rate{slo,cuj,window}`
 * A source that throws produces no points for that collection (and breaks nothing else).
 * @returns a function that stops observing
 * @example
 * const stop = registerSloGauges(telemetry.meterProvider.getMeter('outpost'), { readings: () => engine.currentSlos() });
 */
export function registerSloGauges(meter: Meter, source: SloGaugeSource): () => void {
  const sli = meter.createObservableGauge(INSTRUMENTS.sloSli, { description: 'SLI over the SLO period (good / all)', unit: '1' });
  const budget = meter.createObservableGauge(INSTRUMENTS.sloErrorBudgetRemaining, { description: 'Share of the error budget left', unit: '1' });
  const burn = meter.createObservableGauge(INSTRUMENTS.sloBurnRate, { description: 'Error-budget burn rate per window', unit: '1' });
  const observe = (observer: BatchObservableResult) => {
    for (const reading of safeReadings(source)) observeReading(observer, reading, { sli, budget, burn });
  };
  meter.addBatchObservableCallback(observe, [sli, budget, burn]);
  return () => meter.removeBatchObservableCallback(observe, [sli, budget, burn]);
}

interface SloGauges {
  sli: ObservableGauge;
  budget: ObservableGauge;
  burn: ObservableGauge;
}

function observeReading(observer: BatchObservableResult, reading: SloReading, gauges: SloGauges): void {
  const attributes: Attributes = { [M.slo]: reading.slo, ...(reading.cuj === undefined ? {} : { [M.cuj]: reading.cuj }) };
  if (isNumber(reading.sli)) observer.observe(gauges.sli, reading.sli, attributes);
  if (isNumber(reading.errorBudgetRemaining)) observer.observe(gauges.budget, reading.errorBudgetRemaining, attributes);
  for (const { window, rate } of reading.burnRates ?? []) {
    if (isNumber(rate)) observer.observe(gauges.burn, rate, { ...attributes, [M.window]: window });
  }
}

function safeReadings(source: SloGaugeSource): readonly SloReading[] {
  try {
    return source.readings();
  } catch {
    return [];
  }
}

function isNumber(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
