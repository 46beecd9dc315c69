import { describe, expect, it } from 'vitest';
import { budgetStatus, errorBudget } from './error-budget.js';
import { DAY_MS } from './time-units.js';

describe('error budget', () => {
  it('is 1 − objective', () => {
    expect(errorBudget(0.999)).toBeCloseTo(0.001, 15);
    expect(errorBudget(0.995)).toBeCloseTo(0.005, 15);
  });

  it('tells consumption as a share, in bad events and as the SLI', () => {
    // 40,320 runs in 28 days at 1/min; 99.5% allows 201.6 bad runs; 50 were bad.
    const status = budgetStatus({ objective: 0.995, periodMs: 28 * DAY_MS, events: 40_320, bad: 50, degradedRuns: 7 });
    expect(status.sli).toBeCloseTo(1 - 50 / 40_320, 12);
    expect(status.badEvents.allowed).toBeCloseTo(201.6, 9);
    expect(status.badEvents.consumed).toBe(50);
    expect(status.badEvents.remaining).toBeCloseTo(151.6, 9);
    expect(status.ratio.consumed).toBeCloseTo(50 / 201.6, 12);
    expect(status.ratio.remaining).toBeCloseTo(1 - 50 / 201.6, 12);
    expect(status.burnRate).toBeCloseTo(status.ratio.consumed, 12);
    expect(status.degradedRuns).toBe(7);
    expect(status.minutes).toBeNull();
  });

  it('goes negative when overspent', () => {
    const status = budgetStatus({ objective: 0.99, periodMs: 7 * DAY_MS, events: 1000, bad: 30, degradedRuns: 0 });
    expect(status.ratio.remaining).toBeCloseTo(-2, 12);
    expect(status.badEvents.remaining).toBeCloseTo(-20, 9);
  });

  it('tells a timeslice budget in minutes too', () => {
    // 5-minute slices: 2016 valid slices in 7 days, 0.99 allows 20.16 bad slices = 100.8 min.
    const status = budgetStatus({ objective: 0.99, periodMs: 7 * DAY_MS, events: 2016, bad: 4, degradedRuns: 0, sliceMs: 5 * 60_000 });
    expect(status.minutes?.allowed).toBeCloseTo(100.8, 9);
    expect(status.minutes?.consumed).toBe(20);
    expect(status.minutes?.remaining).toBeCloseTo(80.8, 9);
  });

  it('has no SLI and spends nothing without events', () => {
    const status = budgetStatus({ objective: 0.999, periodMs: DAY_MS, events: 0, bad: 0, degradedRuns: 0 });
    expect(status.sli).toBeNull();
    expect(status.burnRate).toBeNull();
    expect(status.ratio).toEqual({ allowed: 1, consumed: 0, remaining: 1 });
  });
});
