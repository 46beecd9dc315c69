import { describe, expect, it } from 'vitest';
import { resolveCanaryConfig } from './canary-config.js';
import { analyseLatency } from './latency-metric.js';
import { evenly } from './test-fixtures.js';

const config = resolveCanaryConfig();
const JOURNEY = { id: 'latency', name: 'journey latency' };
// 20 baseline runs 1000..1095 ms: median 1047.5, so the threshold is 25% of it (261.9 ms).
const BASELINE = evenly(20, 1000);

describe('analyseLatency', () => {
  it('is High when the canary is 400 ms slower, with the interval and method behind it', () => {
    const metric = analyseLatency(JOURNEY, BASELINE, evenly(20, 1400.5), config);
    expect(metric.classification).toBe('High');
    expect(metric.decided).toBe(true);
    expect(metric.thresholdMs).toBeCloseTo(0.25 * 1047.5, 10);
    expect(metric.shift?.estimateMs).toBeCloseTo(400.5, 10);
    expect(metric.shift?.lowerMs).toBeGreaterThan(metric.thresholdMs ?? Infinity);
    expect(metric.method).toBe('Wilcoxon rank sum exact test');
    expect(metric.statistic).toBe(400);
    expect(metric.pValues?.greater).toBeLessThan(1e-10);
    expect(metric.reason).toMatch(/^canary slower/);
  });

  it('is Pass for a shift inside the relative tolerance', () => {
    const metric = analyseLatency(JOURNEY, BASELINE, evenly(20, 1200.5), config);
    expect(metric.shift?.lowerMs).toBeGreaterThan(0);
    expect(metric.classification).toBe('Pass');
    expect(metric.decided).toBe(true);
  });

  it('keeps a highly significant 3 ms shift at Pass through the 50 ms floor', () => {
    const baseline = evenly(20, 30, 0.1);
    const metric = analyseLatency({ id: 'step:click', name: "step 'click' latency" }, baseline, baseline.map((value) => value + 3.05), config);
    expect(metric.pValue).toBeLessThan(1e-6);
    expect(metric.thresholdMs).toBe(50);
    expect(metric.classification).toBe('Pass');
    expect(metric.decided).toBe(true);
  });

  it('is Low when the canary is much faster', () => {
    const metric = analyseLatency(JOURNEY, BASELINE, evenly(20, 600.5), config);
    expect(metric.classification).toBe('Low');
    expect(metric.reason).toMatch(/^canary faster/);
  });

  it('summarises each side with R-style median and p95', () => {
    const values = evenly(20, 1, 1);
    const metric = analyseLatency(JOURNEY, values, values, config);
    // type 7: p95 of 1..20 is x[18] + 0.05 · (x[19] − x[18]) = 19.05.
    expect(metric.baseline).toEqual({ count: 20, medianMs: 10.5, p95Ms: 19.05 });
  });

  it('is NoData without samples on a side, and that is decided', () => {
    const metric = analyseLatency(JOURNEY, BASELINE, [], config);
    expect(metric.classification).toBe('NoData');
    expect(metric.decided).toBe(true);
    expect(metric.canary).toEqual({ count: 0 });
    expect(metric.reason).toBe('no canary samples');
  });

  it('does not decide a Pass from 3 runs a side and says how many would', () => {
    const metric = analyseLatency(JOURNEY, [1000, 1010, 1020], [1001, 1011, 1021], config);
    expect(metric.classification).toBe('Pass');
    expect(metric.decided).toBe(false);
    // The 98% interval needs 5 per side. Even when the 250 ms threshold dwarfs the 20 ms spread
    // (p = 1), Noether's formula asks for ⌈(z.99 + z.8)² / 0.75 / 2⌉ = 7 per side.
    expect(metric.neededRunsPerSide).toBe(7);
    expect(metric.reason).toContain('cannot reach a 98% interval');
  });

  it('asks for more runs when the baseline is noisy relative to the threshold', () => {
    const noisy = [400, 1900, 700, 1500, 1000, 300, 1700, 900, 1200, 600, 1400, 800];
    const metric = analyseLatency(JOURNEY, noisy, noisy.map((value) => value + 7), config);
    expect(metric.classification).toBe('Pass');
    expect(metric.decided).toBe(false);
    expect(metric.neededRunsPerSide ?? 0).toBeGreaterThan(12);
  });

  it('lets a High from a small sample stand once its interval reaches its level', () => {
    // 5 per side reach 98% (P(W = 0) = 1/252); the minimum of 10 only guards a Pass.
    const metric = analyseLatency(JOURNEY, [1000, 1010, 1020, 1030, 1040], [2000, 2010, 2020, 2030, 2040], resolveCanaryConfig({ minRunsPerSide: 10 }));
    expect(metric.classification).toBe('High');
    expect(metric.decided).toBe(true);
  });

  it('does not let a High stand from samples too small to reach the level', () => {
    const metric = analyseLatency(JOURNEY, [1000, 1010, 1020], [2000, 2010, 2020], config);
    expect(metric.classification).toBe('High');
    expect(metric.decided).toBe(false);
    expect(metric.shift?.achievedConfidenceLevel).toBeCloseTo(0.9, 12);
  });

  it('names the normal approximation when durations tie', () => {
    const metric = analyseLatency(JOURNEY, [...BASELINE, 1000], [...BASELINE, 1000], config);
    expect(metric.method).toBe('Wilcoxon rank sum test with continuity correction');
    expect(metric.shift?.estimateMs).toBe(0);
  });

  it('takes weight, group and criticality from the config', () => {
    const custom = resolveCanaryConfig({ metrics: { latency: { critical: true, weight: 2, group: 'journey' } } });
    const metric = analyseLatency(JOURNEY, BASELINE, BASELINE, custom);
    expect([metric.critical, metric.weight, metric.group]).toEqual([true, 2, 'journey']);
  });
});
