import { describe, expect, it } from 'vitest';
import { normalQuantile, StatisticsInputError, wilsonInterval, wilsonLowerBound } from './wilson-interval.js';

describe('normalQuantile', () => {
  // Reference values: R's qnorm(p), checked with mpmath at 30 digits (sqrt(2)·erfinv(2p − 1)).
  it.each([
    [0.5, 0],
    [0.95, 1.6448536269514722],
    [0.975, 1.9599639845400542],
    [0.99, 2.3263478740408408],
    [0.999, 3.090232306167813],
    [0.001, -3.090232306167813],
    [0.02425, -1.972961051311885], // the boundary between Acklam's central and tail regions
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%d) = %d', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 8);
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(1)).toThrow(StatisticsInputError);
    expect(() => normalQuantile(0)).toThrow(StatisticsInputError);
  });
});

describe('wilsonInterval (two-sided, no continuity correction)', () => {
  // Newcombe R.G. (1998), "Two-sided confidence intervals for the single proportion:
  // comparison of seven methods", Statistics in Medicine 17:857-872, Table I, method 3
  // (Wilson score without continuity correction). R: prop.test(x, n, correct = FALSE)$conf.int.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%d/%d → [%d, %d]', (x, n, lower, upper) => {
    const interval = wilsonInterval(x, n, 0.95);
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
  });

  it('knows nothing from no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });
});

describe('wilsonLowerBound (one-sided)', () => {
  // One-sided 95% bound (z = qnorm(0.95)), as R's
  // prop.test(x, n, alternative = "greater", correct = FALSE)$conf.int[1] reports it.
  // Values computed from the closed form with mpmath at 30 digits.
  it.each([
    [81, 263, 0.2633136172],
    [15, 148, 0.06744326225],
    [1, 29, 0.007730807973],
    [1, 60, 0.003727028169],
    [3, 180, 0.006679956832],
    [30, 180, 0.1259840839],
  ])('%d/%d → %d', (x, n, lower) => {
    expect(wilsonLowerBound(x, n, 0.95)).toBeCloseTo(lower, 8);
  });

  it('is 0 with no failures and grows with the count', () => {
    expect(wilsonLowerBound(0, 1000)).toBe(0);
    expect(wilsonLowerBound(2, 60)).toBeGreaterThan(wilsonLowerBound(1, 60));
  });

  it('tightens with more confidence', () => {
    expect(wilsonLowerBound(5, 100, 0.99)).toBeLessThan(wilsonLowerBound(5, 100, 0.95));
  });

  it('rejects counts that cannot be', () => {
    expect(() => wilsonLowerBound(5, 4)).toThrow(StatisticsInputError);
    expect(() => wilsonLowerBound(-1, 4)).toThrow(StatisticsInputError);
  });
});
