import { describe, expect, it } from 'vitest';
import { analyseCanary } from './canary-analysis.js';
import { evenly, healthy, inputIssues } from './test-fixtures.js';

const SAME = { baseline: healthy(evenly(20, 1000)), canary: healthy(evenly(20, 1002.5)) };
const SLOWER = { baseline: healthy(evenly(20, 1000)), canary: healthy(evenly(20, 1600.5)) };
const DOWN = { baseline: healthy(evenly(20, 1000)), canary: { passed: 0, failed: 20, durationsMs: [] } };
const FEW = { baseline: healthy([1000, 1010, 1020]), canary: healthy([1001, 1011, 1021]) };

describe('analyseCanary', () => {
  it('passes when every CUJ passes', () => {
    const analysis = analyseCanary({ search: SAME, checkout: SAME });
    expect(analysis.verdict).toBe('PASS');
    expect(analysis.score).toBe(100);
    expect(analysis.reason).toBe('all 2 CUJs pass');
  });

  it('takes the worst CUJ and its score', () => {
    // SLOWER: success ratio Pass, journey latency High: 50.
    const analysis = analyseCanary({ search: SAME, checkout: SLOWER });
    expect(analysis.cujs.map((cuj) => cuj.verdict)).toEqual(['PASS', 'FAIL']);
    expect(analysis.verdict).toBe('FAIL');
    expect(analysis.score).toBe(50);
    expect(analysis.reason).toMatch(/^checkout FAIL/);
  });

  it('fails on a decided failure even while another CUJ is undecided', () => {
    const analysis = analyseCanary({ checkout: DOWN, search: FEW });
    expect(analysis.verdict).toBe('FAIL');
    expect(analysis.neededRunsPerSide).toBeUndefined();
  });

  it('is INCONCLUSIVE when an undecided CUJ could still fail it, with the runs needed', () => {
    const analysis = analyseCanary({ checkout: SAME, search: FEW });
    expect(analysis.verdict).toBe('INCONCLUSIVE');
    expect(analysis.neededRunsPerSide).toBe(7);
    expect(analysis.reason).toMatch(/^too few runs to decide, run at least 7 per side: search INCONCLUSIVE/);
  });

  it('is INCONCLUSIVE without any CUJ', () => {
    expect(analyseCanary({}).verdict).toBe('INCONCLUSIVE');
  });

  it('lists every unusable setting and sample across CUJs at once', () => {
    const broken = {
      a: { ...SAME, canary: { ...SAME.canary, failed: -2 } },
      b: { ...SAME, baseline: { ...SAME.baseline, durationsMs: [Infinity] } },
    };
    expect(inputIssues(() => analyseCanary(broken, { alpha: 2, marginalScore: 95 }))).toEqual([
      'alpha must be between 0 and 1 (exclusive), got 2',
      'marginalScore must not exceed passScore',
      'a.canary.failed: expected a non-negative integer, got -2',
      'b.baseline.durationsMs[0]: expected a finite duration ≥ 0 ms, got Infinity',
    ]);
  });
});
