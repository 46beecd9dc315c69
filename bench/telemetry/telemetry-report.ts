import { hodgesLehmann } from '../../src/canary/statistics/hodges-lehmann.js';
import { median } from '../../src/canary/statistics/sample-quantile.js';
import type { Received, Side } from './telemetry-sides.js';

/** One side of one batch: a whole `outpost run --repeat N` child process. */
export interface SideMeasurement {
  batch: number;
  side: Side;
  runs: number;
  passed: number;
  /** Spawn to exit, final telemetry flush included. */
  wallMs: number;
  /** User + system CPU of the whole process tree (browser included). */
  cpuSeconds: number | undefined;
  /** Each run's `durationMs` from the JSON report: the journeys alone, without startup and exit. */
  runDurationsMs: number[];
  /** The 1-minute load average when the child started and when it exited. */
  load1: { start: number; end: number };
  /** CPU of the harness, which hosts the collector, while the child ran. */
  harnessCpuSeconds: number;
  received: Received;
  problem?: string;
}

export interface BatchRatios {
  batch: number;
  /** The order the sides ran in, in this batch. */
  order: string;
  wall: number;
  cpuPerRun: number | undefined;
  meanRun: number;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Sum of the side over sum of `off` across every batch. */
  pooled: number;
}

/** One side against `off`, batch by batch and over all batches. */
export interface SideComparison {
  side: Side;
  batches: BatchRatios[];
  wall: Spread;
  cpuPerRun: Spread | undefined;
  meanRun: Spread;
  /** exp(Hodges–Lehmann shift of log run durations, side vs off), 95% interval: the typical run's ratio. */
  runRatio: { estimate: number; lower: number; upper: number };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Each side but `off` compared with `off`. */
export function summarise(measurements: SideMeasurement[]): SideComparison[] {
  const sides = [...new Set(measurements.map((m) => m.side))].filter((s) => s !== 'off');
  return sides.map((side) => compare(measurements, side));
}

function compare(measurements: SideMeasurement[], side: Side): SideComparison {
  const batches = [...new Set(measurements.map((m) => m.batch))].flatMap((batch) => {
    const inBatch = measurements.filter((m) => m.batch === batch);
    const off = inBatch.find((m) => m.side === 'off');
    const own = inBatch.find((m) => m.side === side);
    if (off === undefined || own === undefined) return [];
    return [{
      batch,
      order: inBatch.map((m) => m.side).join(' → '),
      wall: own.wallMs / off.wallMs,
      cpuPerRun: own.cpuSeconds === undefined || off.cpuSeconds === undefined ? undefined : own.cpuSeconds / own.passed / (off.cpuSeconds / off.passed),
      meanRun: mean(own.runDurationsMs) / mean(off.runDurationsMs),
    }];
  });
  const of = (s: Side) => measurements.filter((m) => m.side === s);
  /** Σ value / Σ count of the side over the same for `off` (count 1: the plain ratio of sums). */
  const pooled = (value: (m: SideMeasurement) => number, count: (m: SideMeasurement) => number = () => 1) => {
    const rate = (s: Side) => sum(of(s).map(value)) / sum(of(s).map(count));
    return rate(side) / rate('off');
  };
  const cpuKnown = batches.every((b) => b.cpuPerRun !== undefined);
  const logs = (s: Side) => of(s).flatMap((m) => m.runDurationsMs.map(Math.log));
  const shift = hodgesLehmann(logs(side), logs('off'), { confidenceLevel: 0.95 });
  return {
    side,
    batches,
    wall: spread(batches.map((b) => b.wall), pooled((m) => m.wallMs)),
    cpuPerRun: cpuKnown ? spread(batches.map((b) => b.cpuPerRun ?? NaN), pooled((m) => m.cpuSeconds ?? 0, (m) => m.passed)) : undefined,
    meanRun: spread(batches.map((b) => b.meanRun), pooled((m) => sum(m.runDurationsMs), (m) => m.runDurationsMs.length)),
    runRatio: { estimate: Math.exp(shift.estimate), lower: Math.exp(shift.lower), upper: Math.exp(shift.upper) },
  };
}

function spread(ratios: number[], pooled: number): Spread {
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), pooled };
}

const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;
const fmt = (ratio: number | undefined) => (ratio === undefined ? '–' : `${ratio.toFixed(3)} (${pct(ratio)})`);

export function renderMeasurements(measurements: SideMeasurement[]): string {
  const rows = measurements.map((m) => {
    const cells = [
      String(m.batch),
      m.side,
      `${m.passed}/${m.runs}`,
      (m.wallMs / 1000).toFixed(1),
      m.cpuSeconds === undefined ? '–' : (m.cpuSeconds / m.passed).toFixed(2),
      (mean(m.runDurationsMs) / 1000).toFixed(2),
      `${m.load1.start.toFixed(1)} → ${m.load1.end.toFixed(1)}`,
      m.side !== 'off' ? `${m.received.journeySpans}/${m.received.stepSpans}/${m.received.networkSpans} (${m.received.propagatedSpans} propagated)` : `${m.received.exportRequests} requests`,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '| batch | telemetry | runs passed | wall s | CPU s/run | mean run s | load (1 min) | received: journey/step/network spans |',
    '| ---: | --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows,
  ].join('\n');
}

export function renderComparison(c: SideComparison): string {
  const batchRows = c.batches.map((b) => `| ${b.batch} | ${b.order} | ${fmt(b.wall)} | ${fmt(b.cpuPerRun)} | ${fmt(b.meanRun)} |`);
  const spreadRow = (label: string, s: Spread | undefined) =>
    s === undefined ? `| ${label} | – | – | – |` : `| ${label} | ${fmt(s.median)} | ${s.min.toFixed(3)} – ${s.max.toFixed(3)} | ${fmt(s.pooled)} |`;
  const r = c.runRatio;
  return [
    `### ${c.side} / off`,
    '',
    `| batch | order | wall ${c.side}/off | CPU s/run ${c.side}/off | mean run ${c.side}/off |`,
    '| ---: | --- | ---: | ---: | ---: |',
    ...batchRows,
    '',
    `| ratio ${c.side}/off | median of batches | min – max | pooled (all batches) |`,
    '| --- | ---: | ---: | ---: |',
    spreadRow('process wall', c.wall),
    spreadRow('tree CPU s/run', c.cpuPerRun),
    spreadRow('mean run duration', c.meanRun),
    '',
    `typical run duration ${c.side}/off (Hodges–Lehmann on log durations, all runs): ${fmt(r.estimate)}, 95% interval ${r.lower.toFixed(3)} – ${r.upper.toFixed(3)}`,
  ].join('\n');
}
