import { describe, expect, it } from 'vitest';
import { fisherExactGreater, type RunCounts } from './fisher-exact.js';

/**
 * Independent reference: the hypergeometric upper tail with exact BigInt binomials,
 * P(X ≥ x) = Σ_{k ≥ x} C(K, k) C(N − K, n − k) / C(N, n).
 */
function exactUpperTail(baseline: RunCounts, canary: RunCounts): number {
  const n = canary.passed + canary.failed;
  const failures = baseline.failed + canary.failed;
  const total = n + baseline.passed + baseline.failed;
  let numerator = 0n;
  for (let k = canary.failed; k <= Math.min(n, failures); k++) numerator += choose(failures, k) * choose(total - failures, n - k);
  const denominator = choose(total, n);
  // Scale before dividing so the quotient keeps 15 significant digits.
  return Number((numerator * 10n ** 18n) / denominator) / 1e18;
}

function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}

describe('fisherExactGreater', () => {
  it('matches R for the tea-tasting table, one-sided (p = 0.2429)', () => {
    // R docs, ?fisher.test: TeaTasting <- matrix(c(3, 1, 1, 3), 2); fisher.test(TeaTasting,
    // alternative = "greater") gives p-value = 0.2429 (= 17/70).
    const p = fisherExactGreater({ passed: 3, failed: 1 }, { passed: 1, failed: 3 });
    expect(p).toBeCloseTo(0.2429, 4);
    expect(p).toBeCloseTo(17 / 70, 14);
  });

  it('matches R for the Convictions table (p = 0.0004652)', () => {
    // R docs, ?fisher.test: Convictions <- matrix(c(2, 10, 15, 3), 2); fisher.test(Convictions,
    // alternative = "less") gives p-value = 0.0004652. "less" for the dizygotic row is "greater"
    // for the monozygotic row: canary = 10 convicted of 13, baseline = 2 of 17.
    const p = fisherExactGreater({ passed: 15, failed: 2 }, { passed: 3, failed: 10 });
    expect(p).toBeCloseTo(0.0004652, 7);
  });

  it.each([
    [{ passed: 20, failed: 0 }, { passed: 17, failed: 3 }],
    [{ passed: 48, failed: 2 }, { passed: 40, failed: 10 }],
    [{ passed: 9, failed: 1 }, { passed: 30, failed: 2 }],
    [{ passed: 180, failed: 20 }, { passed: 170, failed: 30 }],
  ])('agrees with an exact BigInt computation for %o vs %o', (baseline, canary) => {
    expect(fisherExactGreater(baseline, canary)).toBeCloseTo(exactUpperTail(baseline, canary), 12);
  });

  it('gives exactly 1/20 for a 3-run total outage, so it is not below alpha = 0.05', () => {
    // 1 / C(6, 3): the canary failing all 3 runs against a clean baseline of 3.
    const p = fisherExactGreater({ passed: 3, failed: 0 }, { passed: 0, failed: 3 });
    expect(p).toBe(0.05);
    expect(p < 0.05).toBe(false);
  });

  it('is 1 when the canary failed no more than the least possible', () => {
    expect(fisherExactGreater({ passed: 5, failed: 5 }, { passed: 10, failed: 0 })).toBe(1);
    expect(fisherExactGreater({ passed: 10, failed: 0 }, { passed: 10, failed: 0 })).toBe(1);
  });

  it('stays finite and exact for thousands of runs', () => {
    const baseline = { passed: 1960, failed: 40 };
    const canary = { passed: 1930, failed: 70 };
    const p = fisherExactGreater(baseline, canary);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.01);
    expect(p).toBeCloseTo(exactUpperTail(baseline, canary), 12);
  });
});
