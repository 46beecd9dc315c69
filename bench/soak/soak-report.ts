import { histogramDelta, quantileUpperBound, type Histogram } from './prometheus-text.js';
import type { SoakSample } from './soak-sampler.js';

/** The peak of each memory figure over one stretch of the soak. */
export interface WindowPeak {
  fromMs: number;
  toMs: number;
  runsAtEnd: number;
  rssMiB: number;
  pssMiB: number | undefined;
  nodeRssMiB: number;
  maxContexts: number;
  maxPages: number;
  maxRenderers: number;
}

/** What the soak showed. */
export interface SoakAnalysis {
  warmupRuns: number;
  warmupEndsAtMs: number;
  /** The post-warm-up time split into equal windows, each with its peaks. */
  windows: WindowPeak[];
  /** Highest window peak after the first one, over the first window's peak: growth after warm-up. */
  rssRatio: number;
  pssRatio: number | undefined;
  withinBound: boolean;
  maxContexts: number;
  maxPages: number;
  maxRenderers: number;
  finalSample: SoakSample;
  missed: Record<string, number>;
  /** Slots that ran (first attempts), missed ones, their share. */
  slotsRun: number;
  missedShare: number;
  lag: { meanMs: number; p50UpperMs: number | undefined; p95UpperMs: number | undefined; p99UpperMs: number | undefined; maxBucketMs: number | undefined };
  runsPerSecond: number;
}

export const GROWTH_BOUND = 1.15;
const WINDOWS = 5;
const MiB = (kib: number) => kib / 1024;

export function analyseSoak(samples: readonly SoakSample[], warmupShare: number): SoakAnalysis {
  const last = samples.at(-1)!;
  const warmupRuns = Math.round(last.runs * warmupShare);
  const warmupEnd = samples.find((s) => s.runs >= warmupRuns) ?? samples[0]!;
  const steady = samples.filter((s) => s.atMs >= warmupEnd.atMs);
  const span = last.atMs - warmupEnd.atMs;
  const windows = Array.from({ length: WINDOWS }, (_, i) => {
    const fromMs = warmupEnd.atMs + (span * i) / WINDOWS;
    const toMs = warmupEnd.atMs + (span * (i + 1)) / WINDOWS;
    return windowPeak(steady.filter((s) => s.atMs >= fromMs && (s.atMs < toMs || (i === WINDOWS - 1 && s.atMs <= toMs))), fromMs, toMs);
  });
  const [first, ...rest] = windows;
  const rssRatio = Math.max(...rest.map((w) => w.rssMiB)) / first!.rssMiB;
  const pssPeaks = rest.map((w) => w.pssMiB).filter((v): v is number => v !== undefined);
  const pssRatio = first!.pssMiB === undefined || pssPeaks.length === 0 ? undefined : Math.max(...pssPeaks) / first!.pssMiB;
  const lag = histogramDelta(last.lag, undefined);
  const missedTotal = Object.values(last.missed).reduce((a, b) => a + b, 0);
  return {
    warmupRuns,
    warmupEndsAtMs: warmupEnd.atMs,
    windows,
    rssRatio,
    pssRatio,
    withinBound: rssRatio <= GROWTH_BOUND && (pssRatio === undefined || pssRatio <= GROWTH_BOUND),
    maxContexts: Math.max(...samples.map((s) => s.contexts)),
    maxPages: Math.max(...samples.map((s) => s.pages)),
    maxRenderers: Math.max(...samples.map((s) => s.renderers)),
    finalSample: last,
    missed: last.missed,
    slotsRun: lag.count,
    missedShare: missedTotal / (lag.count + missedTotal),
    lag: lagSummary(lag),
    runsPerSecond: last.runs / (last.atMs / 1000),
  };
}

function windowPeak(samples: readonly SoakSample[], fromMs: number, toMs: number): WindowPeak {
  const pss = samples.map((s) => s.pssKiB).filter((v): v is number => v !== undefined);
  return {
    fromMs,
    toMs,
    runsAtEnd: samples.at(-1)?.runs ?? 0,
    rssMiB: MiB(Math.max(...samples.map((s) => s.rssKiB))),
    pssMiB: pss.length === 0 ? undefined : MiB(Math.max(...pss)),
    nodeRssMiB: MiB(Math.max(...samples.map((s) => s.nodeRssKiB))),
    maxContexts: Math.max(...samples.map((s) => s.contexts)),
    maxPages: Math.max(...samples.map((s) => s.pages)),
    maxRenderers: Math.max(...samples.map((s) => s.renderers)),
  };
}

function lagSummary(lag: Histogram): SoakAnalysis['lag'] {
  const ms = (s: number | undefined) => (s === undefined ? undefined : s * 1000);
  const finite = lag.buckets.filter((b) => Number.isFinite(b.le) && b.count < lag.count);
  return {
    meanMs: lag.count === 0 ? 0 : (lag.sum / lag.count) * 1000,
    p50UpperMs: ms(quantileUpperBound(lag, 0.5)),
    p95UpperMs: ms(quantileUpperBound(lag, 0.95)),
    p99UpperMs: ms(quantileUpperBound(lag, 0.99)),
    maxBucketMs: ms(finite.at(-1)?.le),
  };
}

const f1 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(1));
const min = (ms: number) => (ms / 60_000).toFixed(1);

/** The result as Markdown, for BENCHMARKS.md. */
export function renderSoak(analysis: SoakAnalysis, facts: Record<string, string>): string {
  const lines = [
    ...Object.entries(facts).map(([k, v]) => `- ${k}: ${v}`),
    '',
    `Warm-up: the first ${analysis.warmupRuns} runs (${min(analysis.warmupEndsAtMs)} min); then ${WINDOWS} equal windows:`,
    '',
    '| window (min) | runs at end | peak tree RSS MiB | peak tree PSS MiB | peak serve (node) RSS MiB | max contexts | max pages | max renderers |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...analysis.windows.map((w) => `| ${min(w.fromMs)}–${min(w.toMs)} | ${w.runsAtEnd} | ${f1(w.rssMiB)} | ${f1(w.pssMiB)} | ${f1(w.nodeRssMiB)} | ${w.maxContexts} | ${w.maxPages} | ${w.maxRenderers} |`),
    '',
    `Growth after warm-up (highest later window peak / first window peak): RSS ×${analysis.rssRatio.toFixed(3)}, PSS ×${analysis.pssRatio?.toFixed(3) ?? '–'} (bound ×${GROWTH_BOUND}: ${analysis.withinBound ? 'within' : 'EXCEEDED'}).`,
    `Browser: at most ${analysis.maxContexts} contexts and ${analysis.maxPages} pages open at any sample, ${analysis.maxRenderers} renderer processes; at the last sample ${analysis.finalSample.contexts} contexts, ${analysis.finalSample.pages} pages, ${analysis.finalSample.inFlight} runs in flight; ${analysis.finalSample.browserLaunches} launches (${analysis.finalSample.browserRecycles} recycles).`,
    `Slots: ${analysis.slotsRun} ran; missed ${Object.entries(analysis.missed).map(([reason, n]) => `${reason} ${n}`).join(', ')} (${(analysis.missedShare * 100).toFixed(2)}% of slots); run errors ${analysis.finalSample.runErrors}.`,
    `Schedule lag: mean ${analysis.lag.meanMs.toFixed(0)} ms; p50 ≤ ${f1(analysis.lag.p50UpperMs)} ms, p95 ≤ ${f1(analysis.lag.p95UpperMs)} ms, p99 ≤ ${f1(analysis.lag.p99UpperMs)} ms (histogram bucket bounds).`,
    `Throughput: ${analysis.runsPerSecond.toFixed(2)} runs/s overall.`,
  ];
  return lines.join('\n');
}
