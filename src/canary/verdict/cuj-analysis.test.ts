import { describe, expect, it } from 'vitest';
import { analyseCuj } from './cuj-analysis.js';
import { evenly, healthy, inputIssues } from './test-fixtures.js';

const steps = (offset: number) => ({ login: evenly(20, 200 + offset, 2), pay: evenly(20, 600 + offset, 3) });
const BASELINE = healthy(evenly(20, 1000), steps(0));

describe('analyseCuj', () => {
  it('passes a canary that behaves like the baseline, with every metric explained', () => {
    const analysis = analyseCuj('checkout', { baseline: BASELINE, canary: healthy(evenly(20, 1002.5), steps(1.5)) });
    expect(analysis.verdict).toBe('PASS');
    expect(analysis.score).toBe(100);
    expect(analysis.metrics.map((metric) => metric.id)).toEqual(['success-ratio', 'latency', 'step:login', 'step:pay']);
    expect(analysis.metrics.every((metric) => metric.classification === 'Pass' && metric.decided)).toBe(true);
    expect(analysis.neededRunsPerSide).toBeUndefined();
    expect(analysis.reason).toBe('score 100.0: 4 of 4 metrics Pass');
  });

  it('fails a canary that is down, through the critical success ratio', () => {
    const analysis = analyseCuj('checkout', {
      baseline: BASELINE,
      canary: { passed: 0, failed: 20, durationsMs: [], steps: { login: evenly(20, 200, 2) } },
    });
    expect(analysis.verdict).toBe('FAIL');
    expect(analysis.score).toBe(0);
    expect(analysis.reason).toMatch(/^critical success ratio is High/);
    // Steps the canary never reached have no data; they neither pass nor fail it.
    expect(analysis.metrics.find((metric) => metric.id === 'step:pay')?.classification).toBe('NoData');
  });

  it('is MARGINAL when one of four metrics regressed beyond tolerance', () => {
    const canarySteps = { ...steps(1.5), pay: evenly(20, 1100.5, 3) };
    const analysis = analyseCuj('checkout', { baseline: BASELINE, canary: healthy(evenly(20, 1002.5), canarySteps) });
    expect(analysis.score).toBe(75);
    expect(analysis.verdict).toBe('MARGINAL');
    expect(analysis.reason).toContain("step 'pay' latency High");
  });

  it('fails on a regressed step that is marked critical', () => {
    const canarySteps = { ...steps(1.5), pay: evenly(20, 1100.5, 3) };
    const analysis = analyseCuj(
      'checkout',
      { baseline: BASELINE, canary: healthy(evenly(20, 1002.5), canarySteps) },
      { metrics: { 'step:pay': { critical: true } } },
    );
    expect(analysis.score).toBe(0);
    expect(analysis.verdict).toBe('FAIL');
  });

  it('is INCONCLUSIVE with 3 runs a side and says how many runs would decide', () => {
    const analysis = analyseCuj('checkout', { baseline: healthy([1000, 1010, 1020]), canary: healthy([1001, 1011, 1021]) });
    expect(analysis.verdict).toBe('INCONCLUSIVE');
    expect(analysis.scoreRange).toEqual({ best: 100, worst: 0 });
    // Success ratio: the minimum of 5 (an outage alone needs 4); latency: 7 (see latency-metric tests).
    expect(analysis.metrics.map((metric) => metric.neededRunsPerSide)).toEqual([5, 7]);
    expect(analysis.neededRunsPerSide).toBe(7);
    expect(analysis.reason).toContain('success ratio (5 runs per side)');
  });

  it('is INCONCLUSIVE when even a total outage could not be significant', () => {
    const analysis = analyseCuj(
      'checkout',
      { baseline: healthy([1000, 1010, 1020]), canary: { passed: 0, failed: 3, durationsMs: [] } },
      { minRunsPerSide: 1 },
    );
    expect(analysis.metrics[0]?.pValue).toBe(0.05);
    expect(analysis.verdict).toBe('INCONCLUSIVE');
    expect(analysis.neededRunsPerSide).toBe(4);
  });

  it('decides despite an undecided metric that cannot change the verdict', () => {
    const manySteps = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`s${i}`, evenly(20, 100 + i * 50, 1)]));
    const canarySteps = { ...manySteps, late: [500, 510, 520] };
    const analysis = analyseCuj('browse', {
      baseline: healthy(evenly(20, 1000), { ...manySteps, late: [500, 505, 515] }),
      canary: healthy(evenly(20, 1000), canarySteps),
    });
    const late = analysis.metrics.find((metric) => metric.id === 'step:late');
    expect(late?.decided).toBe(false);
    // 12 of 13 would still be 92.3: PASS either way.
    expect(analysis.verdict).toBe('PASS');
  });

  it('follows configured verdict thresholds', () => {
    const canarySteps = { ...steps(1.5), pay: evenly(20, 1100.5, 3) };
    const samples = { baseline: BASELINE, canary: healthy(evenly(20, 1002.5), canarySteps) };
    expect(analyseCuj('checkout', samples, { passScore: 70, marginalScore: 50 }).verdict).toBe('PASS');
    expect(analyseCuj('checkout', samples, { passScore: 95, marginalScore: 80 }).verdict).toBe('FAIL');
  });

  it('lists every unusable sample at once', () => {
    const issues = inputIssues(() =>
      analyseCuj('checkout', {
        baseline: { passed: -1, failed: 0.5, durationsMs: [10, Number.NaN] },
        canary: { passed: 1, failed: 0, durationsMs: [1], steps: { pay: [-3] } },
      }),
    );
    expect(issues).toEqual([
      'checkout.baseline.passed: expected a non-negative integer, got -1',
      'checkout.baseline.failed: expected a non-negative integer, got 0.5',
      'checkout.baseline.durationsMs[1]: expected a finite duration ≥ 0 ms, got NaN',
      'checkout.canary.steps.pay[0]: expected a finite duration ≥ 0 ms, got -3',
    ]);
  });
});
