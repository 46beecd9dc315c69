import { describe, expect, it } from 'vitest';
import { budgetShareSpent, burnRate, detectionTimeMs, errorRatio } from './burn-rate.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time-units.js';

describe('burn rate', () => {
  it('is the error ratio over the budget', () => {
    expect(burnRate(0.0144, 0.001)).toBeCloseTo(14.4, 10);
    expect(burnRate(0.001, 0.001)).toBeCloseTo(1, 10);
    expect(burnRate(0, 0.001)).toBe(0);
  });

  it('spends the whole budget at burn 1 over the period, and 2% in 1h at 14.4 over 30 days', () => {
    expect(budgetShareSpent(1, 30 * DAY_MS, 30 * DAY_MS)).toBe(1);
    expect(budgetShareSpent(14.4, HOUR_MS, 30 * DAY_MS)).toBeCloseTo(0.02, 12);
    expect(budgetShareSpent(6, 6 * HOUR_MS, 30 * DAY_MS)).toBeCloseTo(0.05, 12);
  });

  it('has no error ratio without events', () => {
    expect(errorRatio(0, 0)).toBeNull();
    expect(errorRatio(3, 120)).toBe(0.025);
  });
});

describe('detection time t = f·B·w/e', () => {
  it('detects a 100% outage at 99.9% on the 1h/14.4 tier in 0.864 min', () => {
    const t = detectionTimeMs(14.4, 0.001, HOUR_MS, 1);
    expect((t ?? NaN) / MINUTE_MS).toBeCloseTo(0.864, 10);
  });

  it('takes proportionally longer for a partial outage', () => {
    // 10% errors on the 6h/6 tier at 99.9%: 6·0.001·360 min / 0.1 = 21.6 min.
    expect((detectionTimeMs(6, 0.001, 6 * HOUR_MS, 0.1) ?? NaN) / MINUTE_MS).toBeCloseTo(21.6, 10);
  });

  it('never detects an error ratio at or under the threshold', () => {
    expect(detectionTimeMs(14.4, 0.001, HOUR_MS, 0.0144)).toBeNull();
    expect(detectionTimeMs(14.4, 0.001, HOUR_MS, 0.01)).toBeNull();
  });
});
