import { describe, expect, it } from 'vitest';
import { DEFAULT_CANARY_CONFIG } from './canary-config.js';
import { combineVerdictRanges, scoreRange, settledVerdict, verdictForScore, verdictRange, type JudgedMetric } from './canary-verdict.js';

const thresholds = { passScore: 90, marginalScore: 75 };
const judged = (classification: JudgedMetric['classification'], decided = true, critical = false): JudgedMetric => ({
  classification,
  decided,
  critical,
  weight: 1,
  group: 'latency',
});

describe('verdictForScore', () => {
  it('is PASS at 90 and above, MARGINAL at 75 and above, FAIL below', () => {
    expect(verdictForScore(100, thresholds)).toBe('PASS');
    expect(verdictForScore(90, thresholds)).toBe('PASS');
    expect(verdictForScore(89.99, thresholds)).toBe('MARGINAL');
    expect(verdictForScore(75, thresholds)).toBe('MARGINAL');
    expect(verdictForScore(74.99, thresholds)).toBe('FAIL');
    expect(verdictForScore(0, thresholds)).toBe('FAIL');
  });

  it('follows configured thresholds', () => {
    expect(verdictForScore(92, { passScore: 95, marginalScore: 80 })).toBe('MARGINAL');
    expect(verdictForScore(79, { passScore: 95, marginalScore: 80 })).toBe('FAIL');
  });

  it('matches the default configuration', () => {
    expect(DEFAULT_CANARY_CONFIG.passScore).toBe(90);
    expect(DEFAULT_CANARY_CONFIG.marginalScore).toBe(75);
  });
});

describe('scoreRange and verdictRange', () => {
  it('settles when every metric is decided', () => {
    const scores = scoreRange([judged('Pass'), judged('Pass'), judged('Pass'), judged('High')], {});
    expect(scores).toEqual({ best: 75, worst: 75 });
    expect(settledVerdict(verdictRange(scores, thresholds))).toBe('MARGINAL');
  });

  it('takes each undecided metric both ways', () => {
    const scores = scoreRange([...Array.from({ length: 9 }, () => judged('Pass')), judged('Pass', false)], {});
    expect(scores).toEqual({ best: 100, worst: 90 });
    // Both ends pass: the undecided metric cannot change the verdict.
    expect(settledVerdict(verdictRange(scores, thresholds))).toBe('PASS');
  });

  it('is INCONCLUSIVE when an undecided metric could flip the verdict', () => {
    const scores = scoreRange([judged('Pass'), judged('Pass'), judged('Pass', false)], {});
    expect(settledVerdict(verdictRange(scores, thresholds))).toBe('INCONCLUSIVE');
  });

  it('is INCONCLUSIVE when an undecided critical metric could zero the score', () => {
    const scores = scoreRange([judged('Pass', false, true), judged('Pass'), judged('Pass')], {});
    expect(scores).toEqual({ best: 100, worst: 0 });
    expect(settledVerdict(verdictRange(scores, thresholds))).toBe('INCONCLUSIVE');
  });

  it('is FAIL when a decided critical metric fails, whatever the undecided ones do', () => {
    const scores = scoreRange([judged('High', true, true), judged('Pass', false)], {});
    expect(settledVerdict(verdictRange(scores, thresholds))).toBe('FAIL');
  });

  it('allows anything when nothing could be scored', () => {
    expect(verdictRange({ best: null, worst: null }, thresholds)).toEqual({ best: 'PASS', worst: 'FAIL' });
  });
});

describe('combineVerdictRanges', () => {
  it('takes the worst CUJ', () => {
    const combined = combineVerdictRanges([
      { best: 'PASS', worst: 'PASS' },
      { best: 'MARGINAL', worst: 'MARGINAL' },
    ]);
    expect(settledVerdict(combined)).toBe('MARGINAL');
  });

  it('is FAIL when one CUJ fails even if another is open', () => {
    const combined = combineVerdictRanges([
      { best: 'FAIL', worst: 'FAIL' },
      { best: 'PASS', worst: 'FAIL' },
    ]);
    expect(settledVerdict(combined)).toBe('FAIL');
  });

  it('stays open when an open CUJ could make it worse', () => {
    const combined = combineVerdictRanges([
      { best: 'MARGINAL', worst: 'MARGINAL' },
      { best: 'PASS', worst: 'FAIL' },
    ]);
    expect(settledVerdict(combined)).toBe('INCONCLUSIVE');
  });
});
