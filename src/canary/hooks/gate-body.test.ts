import { describe, expect, it } from 'vitest';
import { analyseCanary } from '../verdict/canary-analysis.js';
import { evenly, healthy } from '../verdict/test-fixtures.js';
import { gateScore } from './gate-body.js';

describe('gateScore', () => {
  it('is the analysis score once the verdict is decided', () => {
    const analysis = analyseCanary({ search: { baseline: healthy(evenly(30, 200)), canary: healthy(evenly(30, 600)) } });
    expect(analysis.verdict).toBe('FAIL');
    expect(gateScore(analysis)).toBe(analysis.score);
  });

  it('is the worst score still possible when the runs are too few, so score >= 90 cannot pass', () => {
    const analysis = analyseCanary({ search: { baseline: healthy(evenly(3, 200)), canary: healthy(evenly(3, 200)) } });
    expect(analysis.verdict).toBe('INCONCLUSIVE');
    expect(analysis.score).toBe(100);
    expect(gateScore(analysis)).toBe(0);
  });

  it('is 0 when nothing was analysed', () => {
    expect(gateScore(analyseCanary({}))).toBe(0);
  });
});
