import { describe, expect, it } from 'vitest';
import { resolveCanaryConfig } from './canary-config.js';
import { analyseSuccessRatio } from './success-ratio-metric.js';

const config = resolveCanaryConfig();

describe('analyseSuccessRatio', () => {
  it('is High and decided when the canary is down in 6 of 6 runs', () => {
    const metric = analyseSuccessRatio({ passed: 6, failed: 0 }, { passed: 0, failed: 6 }, config);
    expect(metric.classification).toBe('High');
    expect(metric.decided).toBe(true);
    // 1 / C(12, 6)
    expect(metric.pValue).toBeCloseTo(1 / 924, 15);
    expect(metric.canary.failureRate).toBe(1);
    expect(metric.reason).toContain('6 of 6');
  });

  it('is critical by default and configurable per metric', () => {
    expect(analyseSuccessRatio({ passed: 9, failed: 0 }, { passed: 9, failed: 0 }, config).critical).toBe(true);
    const relaxed = resolveCanaryConfig({ metrics: { 'success-ratio': { critical: false, weight: 3 } } });
    const metric = analyseSuccessRatio({ passed: 9, failed: 0 }, { passed: 9, failed: 0 }, relaxed);
    expect([metric.critical, metric.weight, metric.group]).toEqual([false, 3, 'success']);
  });

  it('is a decided Pass with enough clean runs', () => {
    const metric = analyseSuccessRatio({ passed: 20, failed: 0 }, { passed: 19, failed: 1 }, config);
    expect(metric.classification).toBe('Pass');
    expect(metric.decided).toBe(true);
    expect(metric.neededRunsPerSide).toBeUndefined();
  });

  it('does not decide a Pass from 3 runs a side, where even a total outage is not significant', () => {
    const metric = analyseSuccessRatio({ passed: 3, failed: 0 }, { passed: 0, failed: 3 }, config);
    expect(metric.pValue).toBe(0.05);
    expect(metric.classification).toBe('Pass');
    expect(metric.decided).toBe(false);
    // The outage needs 4 per side; the configured minimum is 5.
    expect(metric.neededRunsPerSide).toBe(5);
    expect(metric.reason).toContain('total outage');
  });

  it('reports the outage run count itself when the minimum is lower', () => {
    const metric = analyseSuccessRatio({ passed: 2, failed: 0 }, { passed: 2, failed: 0 }, resolveCanaryConfig({ minRunsPerSide: 1 }));
    expect(metric.decided).toBe(false);
    expect(metric.neededRunsPerSide).toBe(4);
  });

  it('keeps a significant increase within the floor at Pass', () => {
    const metric = analyseSuccessRatio({ passed: 9990, failed: 10 }, { passed: 9960, failed: 40 }, config);
    expect(metric.pValue).toBeLessThan(0.001);
    expect(metric.classification).toBe('Pass');
    expect(metric.reason).toContain('floor');
  });

  it('is NoData and undecided without runs on a side', () => {
    const metric = analyseSuccessRatio({ passed: 10, failed: 0 }, { passed: 0, failed: 0 }, config);
    expect(metric.classification).toBe('NoData');
    expect(metric.decided).toBe(false);
    expect(metric.neededRunsPerSide).toBe(5);
    expect(metric.pValue).toBeUndefined();
  });
});
