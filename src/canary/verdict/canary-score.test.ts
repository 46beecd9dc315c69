import { describe, expect, it } from 'vitest';
import { canaryScore, type ScoredMetric } from './canary-score.js';

const metric = (classification: ScoredMetric['classification'], overrides: Partial<ScoredMetric> = {}): ScoredMetric => ({
  classification,
  critical: false,
  weight: 1,
  group: 'latency',
  ...overrides,
});

describe('canaryScore', () => {
  it('is 100 × Pass / classified metrics', () => {
    expect(canaryScore([metric('Pass'), metric('Pass'), metric('Pass'), metric('High')])).toBe(75);
  });

  it('leaves NoData out of the count', () => {
    expect(canaryScore([metric('Pass'), metric('High'), metric('NoData'), metric('NoData')])).toBe(50);
  });

  it('counts Low as not Pass', () => {
    expect(canaryScore([metric('Pass'), metric('Low')])).toBe(50);
  });

  it('is 0 when a critical metric is not Pass, however well the rest did', () => {
    const metrics = [metric('High', { critical: true, group: 'success' }), ...Array.from({ length: 9 }, () => metric('Pass'))];
    expect(canaryScore(metrics)).toBe(0);
  });

  it('ignores a critical metric without data', () => {
    expect(canaryScore([metric('NoData', { critical: true }), metric('Pass')])).toBe(100);
  });

  it('weights metrics, and groups through their weights', () => {
    const metrics = [metric('Pass', { weight: 3 }), metric('High', { weight: 1 })];
    expect(canaryScore(metrics)).toBe(75);
    const grouped = [metric('Pass', { group: 'success' }), metric('High'), metric('High')];
    // success weighs 4, latency 1 each: 4 / (4 + 1 + 1).
    expect(canaryScore(grouped, { success: 4 })).toBeCloseTo((100 * 4) / 6, 12);
  });

  it('is null when nothing was classified', () => {
    expect(canaryScore([metric('NoData'), metric('NoData')])).toBeNull();
    expect(canaryScore([])).toBeNull();
  });
});
